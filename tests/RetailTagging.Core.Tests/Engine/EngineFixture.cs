using RetailTagging.Catalog;
using RetailTagging.Engine;

namespace RetailTagging.Core.Tests.Engine;

/// <summary>A catalog exercising windows, TTLs, the clock, references, valued tags, scores and segments.</summary>
public static class EngineFixture
{
    public const string CatalogText = """
        dimension value
        dimension lifecycle
        score churn

        tag buyer = exists(purchase)
        tag recent_buyer : fact, lifecycle = exists(purchase within 7d)
        tag big_spender : fact, value = sum(purchase.amount within 30d) - sum(refund.amount within 30d) >= 500
        tag tier : model, value = case when @big_spender then "gold" when @recent_buyer then "silver" end
        tag cart_abandoner : predictive ttl 72h = exists(cart_add within 1h) and not exists(checkout within 1h)
        tag dormant : fact, lifecycle = days_since(last(purchase).at) > 30
        tag complained ttl 2h = exists(complaint within 10m)
        tag follow_up = @complained and @buyer
        tag churn_risk : predictive = score("churn") > 0.7
        tag spend_90d = sum(purchase.amount within 90d)
        segment vip = @tier == "gold"
        """;

    public static readonly DateTimeOffset T = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static CompiledCatalog CompileCatalog(string text = CatalogText)
    {
        Assert.True(CatalogCompiler.TryCompile(text, out var catalog, out var diagnostics), string.Join("\n", diagnostics));
        return catalog!;
    }

    public static CustomerEvent Event(string id, string type, DateTimeOffset at, decimal? amount = null, string customer = "c1") =>
        new(id, customer, type, at) { Amount = amount };

    public static List<CustomerEvent> RandomEvents(Random random, string customer, int count)
    {
        string[] types = ["purchase", "purchase", "refund", "cart_add", "checkout", "complaint", "page_view"];
        var events = new List<CustomerEvent>();
        for (var i = 0; i < count; i++)
        {
            var type = types[random.Next(types.Length)];
            // Within 60 days before T, a few after it, on a coarse grid so boundaries coincide often.
            var at = T.AddMinutes(-random.Next(-2 * 24 * 6, 60 * 24 * 6) * 10);
            events.Add(new CustomerEvent($"{customer}-e{i}", customer, type, at) { Amount = type is "purchase" or "refund" ? random.Next(1, 400) : null });
        }
        return events;
    }

    public sealed class FixedScores(decimal churn) : IScoreProvider
    {
        public void AddScores(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IDictionary<string, decimal> scores) =>
            scores["churn"] = churn;
    }
}
