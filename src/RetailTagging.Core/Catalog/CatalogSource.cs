namespace RetailTagging.Catalog;

/// <summary>One catalog file's text and the name diagnostics use for it.</summary>
/// <param name="Path">The file name shown in diagnostics.</param>
/// <param name="Text">The catalog text.</param>
public sealed record CatalogSource(string Path, string Text)
{
    /// <summary>Reads a catalog file (UTF-8).</summary>
    public static CatalogSource FromFile(string path) => new(path, File.ReadAllText(path));

    /// <summary>Reads a catalog file (UTF-8) asynchronously.</summary>
    public static async Task<CatalogSource> FromFileAsync(string path, CancellationToken cancellationToken = default) =>
        new(path, await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
}
