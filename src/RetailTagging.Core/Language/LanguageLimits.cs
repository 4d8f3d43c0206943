namespace RetailTagging.Language;

/// <summary>
/// Limits that keep hostile or runaway input from exhausting the host: every limit that is hit
/// becomes a diagnostic, never an exception or a stack overflow.
/// </summary>
public sealed record LanguageLimits
{
    /// <summary>The defaults: generous for hand-written catalogs, tight enough for untrusted input.</summary>
    public static LanguageLimits Default { get; } = new();

    /// <summary>Largest source text accepted, in characters (default 8 MiB).</summary>
    public int MaxSourceLength { get; init; } = 8 * 1024 * 1024;

    /// <summary>Most tokens in one expression (default 5,000).</summary>
    public int MaxExpressionTokens { get; init; } = 5_000;

    /// <summary>Deepest nesting of one expression tree, counting every operator level (default 128).</summary>
    public int MaxDepth { get; init; } = 128;

    /// <summary>Largest static cost of one tag or expression (default 10,000); see docs/language.md.</summary>
    public int MaxCost { get; init; } = 10_000;

    /// <summary>Most diagnostics reported for one source before the rest are summarised (default 200).</summary>
    public int MaxDiagnostics { get; init; } = 200;

    internal void Validate()
    {
        if (MaxSourceLength <= 0 || MaxExpressionTokens <= 0 || MaxDepth <= 0 || MaxCost <= 0 || MaxDiagnostics <= 0)
            throw new ArgumentOutOfRangeException(nameof(LanguageLimits), "Every language limit must be positive.");
    }
}
