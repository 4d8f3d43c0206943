using RetailTagging.Diagnostics;

namespace RetailTagging.Language.Ast;

/// <summary>
/// Where a syntax node came from. Locations never take part in node equality: two trees
/// that differ only in where they were written are the same tree.
/// </summary>
public readonly struct SyntaxLocation : IEquatable<SyntaxLocation>
{
    /// <summary>Creates a location.</summary>
    public SyntaxLocation(SourcePosition position) => Position = position;

    /// <summary>The position, or the default for synthesized nodes.</summary>
    public SourcePosition Position { get; }

    /// <summary>Always true: see the type's summary.</summary>
    public bool Equals(SyntaxLocation other) => true;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SyntaxLocation;

    /// <inheritdoc />
    public override int GetHashCode() => 0;

    /// <inheritdoc />
    public override string ToString() => $"({Position.Line},{Position.Column})";
}
