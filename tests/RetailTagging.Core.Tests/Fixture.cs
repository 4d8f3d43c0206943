using RetailTagging.Language;

namespace RetailTagging.Core.Tests;

/// <summary>The customer and events the case files are written against (as of 2024-06-01T12:00Z, UTC).</summary>
public static class Fixture
{
    public static readonly DateTimeOffset AsOf = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly TagSchema Schema = TagSchema.CreateBuilder()
        .AddAttribute("loyalty_points", TagType.Number)
        .AddAttribute("labels", TagType.ListOf(TagType.String))
        .AddAttribute("vip", TagType.Bool)
        .AddAttribute("last_visit", TagType.Date)
        .AddAttribute("missing_number", TagType.Number)
        .AddEventType("wishlist_add")
        .AddEventProperty("purchase", "coupon_code", TagType.String)
        .AddScore("churn")
        .AddScore("p_alive")
        .Build();

    public static readonly IReadOnlyDictionary<string, decimal> Scores = new Dictionary<string, decimal> { ["churn"] = 0.82m };

    public static readonly Customer Customer = new("c1")
    {
        Name = "Li Na",
        Gender = "F",
        BirthDate = new DateOnly(1990, 6, 3),
        Phone = "+8613912345678",
        Email = "li.na@example.com",
        City = "Shanghai",
        RegisteredAt = new DateTimeOffset(2023, 1, 15, 8, 0, 0, TimeSpan.Zero),
        MemberLevel = "gold",
        Attributes = new Dictionary<string, object?>
        {
            ["loyalty_points"] = 1200,
            ["labels"] = new[] { "vip", "newsletter" },
            ["vip"] = true,
            ["last_visit"] = new DateOnly(2024, 5, 20),
        },
    };

    private static CustomerEvent Purchase(string id, string at, decimal? amount, string? category, string? channel = "pos") =>
        new(id, "c1", EventTypes.Purchase, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture))
        {
            Amount = amount,
            Category = category,
            Channel = channel,
            Quantity = 1,
        };

    public static readonly IReadOnlyList<CustomerEvent> Events =
    [
        Purchase("p1", "2024-05-30T10:00:00Z", 120.50m, "maternity") with { Brand = "A", Store = "S1", Quantity = 2, Properties = new Dictionary<string, object?> { ["coupon_code"] = "SUMMER" } },
        Purchase("p2", "2024-05-01T10:00:00Z", 80m, "maternity", "online"),
        Purchase("p3", "2024-03-01T10:00:00Z", 300m, "apparel", "online") with { Brand = "B" },
        Purchase("p4", "2023-06-01T12:00:00Z", 1000m, "electronics"),
        // Exactly 365 days before the as-of instant: outside "within 365d", which is (asOf - 365d, asOf].
        Purchase("p5", "2023-06-02T12:00:00Z", 50m, "maternity"),
        Purchase("p6", "2023-06-02T12:00:01Z", 7m, "toys"),
        Purchase("p7", "2024-04-15T09:00:00Z", null, "maternity"),
        new("r1", "c1", EventTypes.Refund, new DateTimeOffset(2024, 5, 31, 9, 0, 0, TimeSpan.Zero)) { Amount = 20m },
        new("k1", "c1", EventTypes.CartAdd, new DateTimeOffset(2024, 6, 1, 11, 30, 0, TimeSpan.Zero)) { Sku = "SKU-9" },
        // After the as-of instant: ignored by every aggregate.
        Purchase("f1", "2024-06-02T10:00:00Z", 999m, "maternity"),
    ];
}
