using RetailTagging.Diagnostics;

namespace RetailTagging.DependencyInjection;

/// <summary>Thrown when the configured catalog does not compile; carries every diagnostic.</summary>
public sealed class CatalogCompilationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CatalogCompilationException(IReadOnlyList<Diagnostic> diagnostics)
        : base("The tag catalog does not compile:" + Environment.NewLine + string.Join(Environment.NewLine, diagnostics.Where(d => d.IsError)))
        => Diagnostics = diagnostics;

    /// <summary>Every diagnostic of the failed compilation.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
