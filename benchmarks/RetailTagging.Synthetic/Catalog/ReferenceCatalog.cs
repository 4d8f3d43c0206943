using System.Reflection;
using RetailTagging.Catalog;

namespace RetailTagging.Synthetic;

/// <summary>
/// The reference catalog: about 250 tags a retailer's CRM team would run, over five dimensions
/// (value, lifecycle, preference, risk, service). Embedded in this assembly and also copied next
/// to it as <c>Catalog/*.tags</c> for the CLI and the docs.
/// </summary>
public static class ReferenceCatalog
{
    private const string ResourcePrefix = "RetailTagging.Synthetic.Catalog.";

    /// <summary>The catalog files' names, in compile order.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        ["schema.tags", "value.tags", "lifecycle.tags", "preference.tags", "risk.tags", "service.tags", "segments.tags"];

    private static readonly Lazy<IReadOnlyList<CatalogSource>> Loaded = new(Load);

    /// <summary>The catalog's files as compiler sources, named <c>Catalog/&lt;file&gt;</c> in diagnostics.</summary>
    public static IReadOnlyList<CatalogSource> Sources() => Loaded.Value;

    private static IReadOnlyList<CatalogSource> Load()
    {
        var assembly = typeof(ReferenceCatalog).Assembly;
        return [.. FileNames.Select(name => new CatalogSource("Catalog/" + name, Read(assembly, name)))];
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The reference catalog file '{name}' is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
