using RetailTagging.Catalog;
using RetailTagging.Engine;
using RetailTagging.Language;

namespace RetailTagging.DependencyInjection;

/// <summary>Options of <c>services.AddRetailTagging(...)</c>: the catalog to load and how to compile and run it.</summary>
public sealed class RetailTaggingOptions
{
    /// <summary>The catalog sources; together they form one catalog.</summary>
    public IList<CatalogSource> Catalogs { get; } = new List<CatalogSource>();

    /// <summary>Files to read as catalog sources when the catalog is first needed.</summary>
    public IList<string> CatalogFiles { get; } = new List<string>();

    /// <summary>The schema the catalog extends (custom attributes, event types and scores declared in code).</summary>
    public TagSchema Schema { get; set; } = TagSchema.Default;

    /// <summary>The business time zone, unless the catalog declares one.</summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>Language limits for the catalog.</summary>
    public LanguageLimits Limits { get; set; } = LanguageLimits.Default;

    /// <summary>Engine options: batch parallelism and buffering.</summary>
    public TagEngineOptions Engine { get; } = new();

    /// <summary>Adds a catalog file (read when the catalog is first resolved).</summary>
    public RetailTaggingOptions UseCatalogFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        CatalogFiles.Add(path);
        return this;
    }

    /// <summary>Adds catalog text.</summary>
    public RetailTaggingOptions UseCatalogText(string text, string name = "<catalog>")
    {
        ArgumentNullException.ThrowIfNull(text);
        Catalogs.Add(new CatalogSource(name, text));
        return this;
    }
}
