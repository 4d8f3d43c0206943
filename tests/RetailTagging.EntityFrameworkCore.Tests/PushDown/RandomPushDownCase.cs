using System.Globalization;

namespace RetailTagging.EntityFrameworkCore.Tests.PushDown;

/// <summary>
/// Random small datasets and random bool expressions from the subset push-down supports: built-in
/// attributes, tag references, windowed aggregates with filters, comparisons, in, between, is null,
/// and/or/not, days_since ranges, case and coalesce. Values come from small pools, so boundaries
/// (a window's exact edge, a birthday on the as-of date, 29 February, nulls, ties) come up often.
/// </summary>
internal sealed class RandomPushDownCase(Random random)
{
    /// <summary>The referenced tags. Yes/no tags never evaluate to null, so "not @tag" means the same in SQL and in the engine.</summary>
    public const string TagsText = """
        tag big_spender = sum(purchase.amount within 365d) >= 150
        tag recent = exists(purchase within 30d)
        tag in_shanghai = coalesce(customer.city == "Shanghai", false)
        tag spend_90d = sum(purchase.amount within 90d)
        tag avg_order = avg(purchase.amount)
        tag top_category = max(purchase.category)
        """;

    private static readonly string[] Cities = ["Shanghai", "Beijing", "shanghai", "Shenzhen"];
    private static readonly string[] Categories = ["toys", "maternity", "electronics"];
    private static readonly string[] Channels = ["pos", "online", "mini_program"];
    private static readonly string[] EventTypes = ["purchase", "refund", "cart_add"];
    private static readonly decimal[] Amounts = [7m, 12.5m, 50m, 100m, 120.5m, 300m];
    private static readonly string[] Windows = ["1h", "1d", "30d", "90d", "365d"];
    private static readonly TimeSpan[] EventAges =
    [
        TimeSpan.FromDays(-1), TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(10), TimeSpan.FromDays(30),
        TimeSpan.FromDays(31), TimeSpan.FromDays(90), TimeSpan.FromDays(100), TimeSpan.FromDays(365), TimeSpan.FromDays(400),
    ];
    private static readonly DateTimeOffset[] AsOfs =
    [
        new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero),
        new(2023, 2, 28, 18, 0, 0, TimeSpan.Zero), // 1 March 02:00 in Shanghai; 28 February of a non-leap year in UTC
        new(2024, 2, 29, 0, 30, 0, TimeSpan.Zero),
    ];

    public string TimeZone { get; } = random.Next(2) == 0 ? "UTC" : "Asia/Shanghai";

    public DateTimeOffset AsOf { get; } = AsOfs[random.Next(AsOfs.Length)];

    public string CatalogText => $"timezone \"{TimeZone}\"\n{TagsText}";

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private T? Maybe<T>(T value) where T : class => random.Next(4) == 0 ? null : value;

    public List<Customer> Customers()
    {
        var count = random.Next(1, 7);
        return [.. Enumerable.Range(1, count).Select(i => new Customer($"c{i}")
        {
            Gender = Maybe(Pick(["F", "M"])),
            City = Maybe(Pick(Cities)),
            MemberLevel = Maybe(Pick(["gold", "silver", "bronze"])),
            BirthDate = random.Next(5) == 0 ? null : BirthDate(),
            RegisteredAt = random.Next(4) == 0 ? null : AsOf - TimeSpan.FromDays(random.Next(0, 800)) - TimeSpan.FromHours(random.Next(24)),
        })];
    }

    private DateOnly BirthDate()
    {
        var asOfDate = DateOnly.FromDateTime(AsOf.UtcDateTime);
        return random.Next(4) switch
        {
            0 => new DateOnly(2000, 2, 29),
            1 => asOfDate.AddYears(-random.Next(18, 70)).AddDays(random.Next(-1, 2)), // birthdays around the as-of date
            2 => asOfDate.AddDays(random.Next(1, 3)),                                  // born "after" the as-of date: age is null
            _ => new DateOnly(random.Next(1950, 2010), random.Next(1, 13), random.Next(1, 29)),
        };
    }

    public List<CustomerEvent> Events(IReadOnlyList<Customer> customers)
    {
        var events = new List<CustomerEvent>();
        foreach (var customer in customers)
        {
            var count = random.Next(0, 6);
            for (var i = 0; i < count; i++)
            {
                events.Add(new CustomerEvent($"{customer.Id}-e{i}", customer.Id, Pick(EventTypes), AsOf - Pick(EventAges) - TimeSpan.FromMinutes(random.Next(2) * 5))
                {
                    Amount = random.Next(5) == 0 ? null : Pick(Amounts),
                    Category = Maybe(Pick(Categories)),
                    Channel = Maybe(Pick(Channels)),
                });
            }
        }
        return events;
    }

    public string Condition(int depth)
    {
        if (depth <= 0 || random.Next(3) == 0) return Atom();
        return random.Next(5) switch
        {
            0 => $"not ({Condition(depth - 1)})",
            1 or 2 => $"({Condition(depth - 1)}) and ({Condition(depth - 1)})",
            _ => $"({Condition(depth - 1)}) or ({Condition(depth - 1)})",
        };
    }

    private string Comparison() => Pick(["==", "!=", "<", "<=", ">", ">="]);

    private string Number(params decimal[] values) => Pick(values).ToString(CultureInfo.InvariantCulture);

    private string Atom() => random.Next(19) switch
    {
        0 => $"customer.city {Pick(["==", "!="])} \"{Pick(Cities)}\"",
        1 => $"customer.city {Pick(["in", "not in"])} [\"{Pick(Cities)}\", \"{Pick(Cities)}\"]",
        2 => $"customer.member_level {Comparison()} \"{Pick(new[] { "gold", "silver", "c" })}\"",
        3 => $"customer.age {Comparison()} {Number(0, 18, 24, 30, 35.5m, 60)}",
        4 => $"customer.age {Pick(["between", "not between"])} {Number(18, 25, 30)} and {Number(30, 40, 60)}",
        5 => $"customer.{Pick(["age", "gender", "birth_date", "registered_at", "city"])} is {Pick(["null", "not null"])}",
        6 => $"customer.birth_date {Comparison()} {Pick(new[] { "1990-01-01", "2000-02-29", "1975-06-30" })}",
        7 => $"customer.registered_at {Comparison()} now() - {Pick(Windows)}",
        8 => $"@{Pick(["big_spender", "recent", "in_shanghai"])}",
        9 => $"@spend_90d {Comparison()} {Number(0, 50, 100.5m, 300)}",
        10 => $"@avg_order {Pick(["is null", "is not null", "> 60", "<= 50"])}",
        11 => $"@top_category {Pick(["== \"toys\"", "!= \"maternity\"", "is null", "in [\"toys\", \"electronics\"]"])}",
        12 => $"count({Source()}) {Comparison()} {Number(0, 1, 2, 2.5m)}",
        13 => $"{Pick(["sum", "avg", "min", "max"])}({Source(".amount")}) {Comparison()} {Number(0, 50, 100, 120.5m)}",
        14 => $"exists({Source()})",
        15 => $"{Pick(["max", "min", "first", "last"])}({Source(".category")}) {Pick(["==", "<", ">="])} \"{Pick(Categories)}\"",
        16 => $"days_since({Pick(["last", "first", "max"])}({Source(".at")})) {Comparison()} {Number(0, 1, 10, 30, 89.5m, 90)}",
        17 => $"distinct_count({Source(".category")}) {Comparison()} {Number(1, 2)}",
        _ => random.Next(2) == 0
            ? $"coalesce(customer.city, customer.gender, \"none\") == \"{Pick(new[] { "none", "F", "Beijing" })}\""
            : $"case when customer.age >= 30 then customer.member_level else customer.city end == \"{Pick(new[] { "gold", "Shanghai" })}\"",
    };

    private string Source(string property = "")
    {
        var type = Pick(EventTypes);
        var filter = random.Next(3) == 0 ? "" : $" where {Filter(random.Next(2))}";
        var window = random.Next(2) == 0 ? "" : $" within {Pick(Windows)}";
        return $"{type}{property}{filter}{window}";
    }

    private string Filter(int depth)
    {
        if (depth > 0) return random.Next(2) == 0 ? $"({Filter(depth - 1)}) and ({Filter(depth - 1)})" : $"not ({Filter(depth - 1)})";
        return random.Next(5) switch
        {
            0 => $"amount {Comparison()} {Number(10, 50, 120.5m)}",
            1 => $"category == \"{Pick(Categories)}\"",
            2 => $"channel in [\"{Pick(Channels)}\", \"{Pick(Channels)}\"]",
            3 => $"amount is {Pick(["null", "not null"])}",
            _ => $"customer.city == \"{Pick(Cities)}\"",
        };
    }
}
