using Microsoft.Extensions.DependencyInjection;
using RetailTagging.Engine;
using RetailTagging.Language;
using RetailTagging.Rfm.Tagging;

namespace RetailTagging.Rfm.Tests;

public class TagValuesTests
{
    private static readonly DateTimeOffset AsOf = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RfmValuesAreVisibleToTheTagLanguageThroughTheEngine()
    {
        var services = new ServiceCollection();
        services.AddRetailTagging(o =>
        {
            o.Schema = RfmTagValues.AddTo(TagSchema.CreateBuilder(), new RfmOptions()).Build();
            o.UseCatalogText("""
                tag frequent = score("frequency") >= 3
                tag recent = customer.rfm_recency_days <= 7
                tag mum = customer.rfm_top_category == "maternity"
                tag due_soon = customer.rfm_next_purchase_at is not null
                """);
        }).AddRfmScoring();
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<TagEngine>();

        CustomerEvent Purchase(string id, int daysAgo, decimal amount, string category) =>
            new(id, "c1", EventTypes.Purchase, AsOf.AddDays(-daysAgo)) { Amount = amount, Category = category };
        CustomerEvent[] events = [Purchase("o1", 60, 120m, "maternity"), Purchase("o2", 30, 80m, "maternity"), Purchase("o3", 2, 40m, "toys")];

        var tags = engine.Evaluate(new Customer("c1"), events, AsOf).Tags;
        Assert.True(tags.ContainsKey("frequent"));
        Assert.True(tags.ContainsKey("recent"));
        Assert.True(tags.ContainsKey("mum"));
        Assert.True(tags.ContainsKey("due_soon"));
        Assert.Equal(TagSource.Model, tags["frequent"].Source);

        var single = engine.Evaluate(new Customer("c1"), [Purchase("o1", 60, 120m, "toys")], AsOf).Tags;
        Assert.False(single.ContainsKey("frequent"));
        Assert.False(single.ContainsKey("mum"));
    }
}
