using System.Globalization;

namespace RetailTagging.Core.Tests.Generators;

/// <summary>
/// Random well-typed expressions (as source text) over the Fixture schema, with random customers
/// and event histories, for the compiled == interpreted property.
/// </summary>
public sealed class RandomTyped(Random random)
{
    public enum T { Bool, Number, String, Instant, Date, Duration }

    private static readonly string[] Categories = ["maternity", "apparel", "toys"];
    private static readonly string[] Channels = ["pos", "online"];
    private static readonly DateTimeOffset Base = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private string Pick(params string[] items) => items[random.Next(items.Length)];

    public string Expr(T type, int depth, bool inFilter = false)
    {
        if (depth <= 0 || random.Next(5) == 0) return Leaf(type, inFilter);
        return type switch
        {
            T.Bool => random.Next(10) switch
            {
                0 => $"({Expr(T.Bool, depth - 1, inFilter)} and {Expr(T.Bool, depth - 1, inFilter)})",
                1 => $"({Expr(T.Bool, depth - 1, inFilter)} or {Expr(T.Bool, depth - 1, inFilter)})",
                2 => $"not {Expr(T.Bool, depth - 1, inFilter)}",
                3 => Comparison(depth, inFilter),
                4 => $"({Expr(T.Number, depth - 1, inFilter)} {Pick("", "not ")}between {Expr(T.Number, depth - 1, inFilter)} and {Expr(T.Number, depth - 1, inFilter)})",
                5 => random.Next(3) switch
                {
                    0 => $"({Expr(T.String, depth - 1, inFilter)} {Pick("", "not ")}in [\"maternity\", \"Shanghai\", {Expr(T.String, depth - 1, inFilter)}])",
                    // Constant lists: short ones compile to a chain of equalities, long ones to a hash set.
                    1 => $"({Expr(T.String, depth - 1, inFilter)} {Pick("", "not ")}in [{Pick("\"maternity\"", "\"Shanghai\", \"a\"", "\"\", \"gold\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\"")}])",
                    _ => $"({Expr(T.Number, depth - 1, inFilter)} {Pick("", "not ")}in [{Pick("0", "1.0, 2, 2.50", "0, 1, 2, 3, 4, 5, 6, 7, 8, 10.0")}])",
                },
                6 => $"({Expr(Scalar(), depth - 1, inFilter)} is {Pick("", "not ")}null)",
                7 => $"contains({Expr(T.String, depth - 1, inFilter)}, {Pick("\"a\"", "\"ma\"", "\"\"")})",
                8 => $"case when {Expr(T.Bool, depth - 1, inFilter)} then {Expr(T.Bool, depth - 1, inFilter)} else {Expr(T.Bool, depth - 1, inFilter)} end",
                _ => Comparison(depth, inFilter),
            },
            T.Number => random.Next(9) switch
            {
                0 or 1 => $"({Expr(T.Number, depth - 1, inFilter)} {Pick("+", "-", "*", "/", "%")} {Expr(T.Number, depth - 1, inFilter)})",
                2 => $"-{Expr(T.Number, depth - 1, inFilter)}",
                3 => $"{Pick("min", "max")}({Expr(T.Number, depth - 1, inFilter)}, {Expr(T.Number, depth - 1, inFilter)})",
                4 => $"coalesce({Expr(T.Number, depth - 1, inFilter)}, {Expr(T.Number, depth - 1, inFilter)})",
                5 => $"round({Expr(T.Number, depth - 1, inFilter)}, {random.Next(0, 4)})",
                6 => $"case when {Expr(T.Bool, depth - 1, inFilter)} then {Expr(T.Number, depth - 1, inFilter)} end",
                7 => $"days_since({Expr(Pick2(T.Date, T.Instant), depth - 1, inFilter)})",
                _ => $"({Expr(T.Duration, depth - 1, inFilter)} / {Pick("1h", "1d")})",
            },
            T.String => random.Next(4) switch
            {
                0 => $"lower({Expr(T.String, depth - 1, inFilter)})",
                1 => $"({Expr(T.String, depth - 1, inFilter)} + {Expr(T.String, depth - 1, inFilter)})",
                2 => $"coalesce({Expr(T.String, depth - 1, inFilter)}, \"none\")",
                _ => $"case when {Expr(T.Bool, depth - 1, inFilter)} then {Expr(T.String, depth - 1, inFilter)} else {Expr(T.String, depth - 1, inFilter)} end",
            },
            T.Instant => random.Next(3) switch
            {
                0 => $"({Expr(T.Instant, depth - 1, inFilter)} - {Expr(T.Duration, depth - 1, inFilter)})",
                1 => $"max({Expr(T.Instant, depth - 1, inFilter)}, {Expr(T.Date, depth - 1, inFilter)})",
                _ => $"({Expr(T.Duration, depth - 1, inFilter)} + {Expr(T.Instant, depth - 1, inFilter)})",
            },
            T.Duration => random.Next(3) switch
            {
                0 => $"({Expr(T.Instant, depth - 1, inFilter)} - {Expr(T.Instant, depth - 1, inFilter)})",
                1 => $"({Expr(T.Duration, depth - 1, inFilter)} * {Expr(T.Number, depth - 1, inFilter)})",
                _ => $"abs({Expr(T.Duration, depth - 1, inFilter)})",
            },
            _ => Leaf(type, inFilter),
        };
    }

    private T Pick2(T a, T b) => random.Next(2) == 0 ? a : b;

    private T Scalar() => (T)random.Next(6);

    private string Comparison(int depth, bool inFilter)
    {
        var type = Scalar();
        var ops = type == T.Bool ? new[] { "==", "!=" } : ["==", "!=", "<", "<=", ">", ">="];
        if (type == T.Date && random.Next(2) == 0) return $"(({Expr(T.Date, depth - 1, inFilter)}) {Pick(ops)} ({Expr(T.Instant, depth - 1, inFilter)}))";
        return $"(({Expr(type, depth - 1, inFilter)}) {Pick(ops)} ({Expr(type, depth - 1, inFilter)}))";
    }

    private string Leaf(T type, bool inFilter)
    {
        if (inFilter && random.Next(2) == 0)
        {
            switch (type)
            {
                case T.Number: return Pick("amount", "quantity");
                case T.String: return Pick("category", "channel");
                case T.Instant: return "at";
            }
        }
        return type switch
        {
            T.Bool => random.Next(6) switch
            {
                0 => Pick("true", "false", "null"),
                1 => "customer.vip",
                2 when !inFilter => $"exists(purchase{Filter()}{Window()})",
                _ => $"({Leaf(T.Number, inFilter)} > {random.Next(0, 200)})",
            },
            T.Number => random.Next(7) switch
            {
                0 => random.Next(-50, 500).ToString(CultureInfo.InvariantCulture),
                1 => (random.Next(-5000, 5000) / 100m).ToString(CultureInfo.InvariantCulture),
                2 => Pick("customer.age", "customer.loyalty_points", "customer.missing_number", "score(\"churn\")", "length(customer.labels)"),
                3 when !inFilter => $"{Pick("count(purchase", "count(purchase.amount", "distinct_count(purchase.category", "distinct_count(purchase.amount")}{Filter()}{Window()})",
                4 when !inFilter => $"{Pick("sum", "avg", "min", "max", "first", "last")}({Pick("purchase", "refund")}.amount{Filter()}{Window()})",
                5 => "null",
                _ => random.Next(0, 100).ToString(CultureInfo.InvariantCulture),
            },
            T.String => random.Next(4) switch
            {
                0 => Pick("\"maternity\"", "\"Shanghai\"", "\"\"", "null"),
                1 => Pick("customer.city", "customer.name", "customer.member_level", "customer.gender"),
                2 when !inFilter => $"{Pick("first", "last", "min", "max")}(purchase.category{Filter()}{Window()})",
                _ => "\"apparel\"",
            },
            T.Instant => random.Next(4) switch
            {
                0 => "now()",
                1 => Pick("customer.registered_at", "2024-05-01T00:00:00Z", "2023-12-31T23:59:59+08:00"),
                2 when !inFilter => $"{Pick("first", "last", "min", "max")}(purchase.at{Filter()}{Window()})",
                _ => "2024-01-01T00:00:00Z",
            },
            T.Date => Pick("customer.birth_date", "customer.last_visit", "2024-02-29", "2023-06-01"),
            _ => Pick("1d", "36h", "90m", "2w", "-3d", "0s"),
        };
    }

    private string Filter() => random.Next(3) == 0 ? $" where {Expr(T.Bool, 2, inFilter: true)}" : "";

    private string Window() => random.Next(2) == 0 ? $" within {Pick("1h", "1d", "30d", "90d", "365d")}" : "";

    public Customer Customer() => new("c" + random.Next(100))
    {
        Name = Maybe("Li Na", "Wang Wei"),
        Gender = Maybe("F", "M"),
        BirthDate = random.Next(4) == 0 ? null : new DateOnly(1950 + random.Next(60), 1 + random.Next(12), 1 + random.Next(28)),
        City = Maybe("Shanghai", "Beijing", "maternity"),
        MemberLevel = Maybe("gold", "silver"),
        RegisteredAt = random.Next(4) == 0 ? null : Base.AddDays(-random.Next(2000)),
        Attributes = new Dictionary<string, object?>
        {
            ["loyalty_points"] = random.Next(3) == 0 ? null : random.Next(0, 10000),
            ["vip"] = random.Next(3) == 0 ? null : random.Next(2) == 0,
            ["labels"] = new[] { "vip", "newsletter" }.Take(random.Next(3)).ToArray(),
            ["last_visit"] = random.Next(3) == 0 ? null : DateOnly.FromDateTime(Base.AddDays(-random.Next(400)).Date),
        },
    };

    private string? Maybe(params string[] values) => random.Next(values.Length + 1) is var i && i < values.Length ? values[i] : null;

    public List<CustomerEvent> Events()
    {
        var count = random.Next(0, 25);
        var events = new List<CustomerEvent>();
        for (var i = 0; i < count; i++)
        {
            var type = Pick("purchase", "purchase", "refund", "cart_add");
            var at = Base.AddMinutes(-random.Next(-600, 60 * 24 * 400));
            events.Add(new CustomerEvent("e" + i, "c", type, at)
            {
                Amount = random.Next(5) == 0 ? null : random.Next(1, 100000) / 100m,
                Category = random.Next(5) == 0 ? null : Categories[random.Next(Categories.Length)],
                Channel = Channels[random.Next(Channels.Length)],
                Quantity = random.Next(1, 4),
                Properties = random.Next(3) == 0 ? new Dictionary<string, object?> { ["coupon_code"] = "SUMMER" } : new Dictionary<string, object?>(),
            });
        }
        return events;
    }

    public DateTimeOffset AsOf() => Base.AddHours(random.Next(-48, 48));
}
