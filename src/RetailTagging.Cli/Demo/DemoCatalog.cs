using RetailTagging.Catalog;
using RetailTagging.Diagnostics;
using RetailTagging.Synthetic;

namespace RetailTagging.Cli.Demo;

/// <summary>
/// The demo's catalog: the reference catalog (251 tags over five dimensions) plus one model tag that publishes the
/// RFM adapter's classic segment (<c>customer.rfm_segment</c>, filled by <see cref="Rfm.Tagging.RfmTagValues"/>), so
/// segment sizes are stored and reported like any other tag.
/// </summary>
internal static class DemoCatalog
{
    public const string RfmSegmentTag = "rfm_segment";

    private const string DemoTags = """
        # The demo's addition to the reference catalog: the RFM adapter's segment as a model tag.
        attribute rfm_segment : string "RFM segment (classic map), filled by the RFM adapter"

        tag rfm_segment "RFM segment" : model, value
          owner "crm-ops"  use "RFM board; campaign sizing"
          = customer.rfm_segment
        """;

    /// <summary>Compiles the catalog; the reference catalog is part of the tool, so an error here is a bug.</summary>
    public static CompiledCatalog Compile()
    {
        var sources = ReferenceCatalog.Sources().Append(new CatalogSource("demo.tags", DemoTags)).ToList();
        if (CatalogCompiler.TryCompile(sources, out var catalog, out var diagnostics) && catalog is not null)
            return catalog;
        var texts = sources.ToDictionary(s => s.Path, s => s.Text, StringComparer.Ordinal);
        var errors = diagnostics.Where(d => d.IsError).Select(d => DiagnosticFormatter.Format(d, texts.GetValueOrDefault(d.Position.File)));
        throw new InvalidOperationException("The demo catalog does not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
    }
}
