using RetailTagging.Catalog;
using RetailTagging.Language;
using RetailTagging.Synthetic;

namespace RetailTagging.Synthetic.Tests;

public class ReferenceCatalogTests
{
    private static readonly Lazy<CompiledCatalog> Compiled = new(() =>
    {
        Assert.True(CatalogCompiler.TryCompile(ReferenceCatalog.Sources(), out var catalog, out var diagnostics), string.Join("\n", diagnostics));
        return catalog!;
    });

    [Fact]
    public void Compiles_without_errors_or_warnings()
    {
        CatalogCompiler.TryCompile(ReferenceCatalog.Sources(), out var catalog, out var diagnostics);
        Assert.NotNull(catalog);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Is_a_realistic_governed_catalog()
    {
        var catalog = Compiled.Value;
        Assert.InRange(catalog.Tags.Count, 240, 280);
        Assert.Equal(["value", "lifecycle", "preference", "risk", "service"], catalog.Dimensions.Select(d => d.Name));
        foreach (var dimension in catalog.Dimensions)
            Assert.True(catalog.Tags.Count(t => t.Dimension == dimension.Name) >= 25, $"dimension {dimension.Name} has too few tags");
        Assert.All(catalog.Tags, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.DisplayName), $"{t.Name} has no display name");
            Assert.False(string.IsNullOrWhiteSpace(t.Owner), $"{t.Name} has no owner");
            Assert.False(string.IsNullOrWhiteSpace(t.UseCase), $"{t.Name} has no use case");
            Assert.NotNull(t.Dimension);
        });
        Assert.Equal(12, catalog.Segments.Count);
    }

    [Fact]
    public void Mixes_every_kind_of_rule()
    {
        var tags = Compiled.Value.Tags;
        Assert.Contains(tags, t => t.ValueType == TagType.String);
        Assert.Contains(tags, t => t.ValueType == TagType.Number);
        Assert.True(tags.Count(t => t.TimeToLive is not null) >= 20, "TTL tags");
        Assert.True(tags.Count(t => t.DependsOn.Count > 0) >= 50, "tags referencing tags");
        Assert.True(tags.Count(t => t.Expression.Contains("score(", StringComparison.Ordinal)) >= 8, "model-score tags");
        Assert.True(tags.Count(t => t.Expression.Contains(" where ", StringComparison.Ordinal)) >= 60, "filtered aggregates");
        Assert.True(tags.Count(t => t.Expression.Contains("customer.", StringComparison.Ordinal)) >= 25, "attribute tests");
        foreach (var kind in Enum.GetValues<TagKind>()) Assert.Contains(tags, t => t.Kind == kind);
    }

    [Fact]
    public void The_files_copied_next_to_the_assembly_are_the_embedded_ones()
    {
        foreach (var source in ReferenceCatalog.Sources())
        {
            var copy = Path.Combine(AppContext.BaseDirectory, source.Path);
            Assert.True(File.Exists(copy), $"{copy} is missing");
            Assert.Equal(source.Text, File.ReadAllText(copy));
        }
    }
}
