using Microsoft.EntityFrameworkCore;
using RetailTagging.Catalog;
using RetailTagging.EntityFrameworkCore.PushDown;
using RetailTagging.EntityFrameworkCore.Tests.Support;

namespace RetailTagging.EntityFrameworkCore.Tests.PushDown;

/// <summary>
/// One case per construct: the pushed-down query's customers on a real database equal both the
/// hand-computed answer and the engine's in-memory answer on the same data.
/// </summary>
public sealed class SegmentQueryCaseTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset AsOf = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    internal const string CatalogText = """
        tag big_spender = sum(purchase.amount within 365d) >= 150
        tag spend_365d = sum(purchase.amount within 365d)
        tag favourite = max(purchase.category within 365d)
        tag tier = case when @big_spender then "gold" else "bronze" end
        tag lapsed = days_since(last(purchase).at) > 60
        segment shanghai_big = @big_spender and customer.city == "Shanghai"
        segment not_big = not @big_spender
        """;

    internal static readonly Customer[] Customers =
    [
        new("c1") { Gender = "F", City = "Shanghai", BirthDate = new(1990, 6, 3), MemberLevel = "gold", RegisteredAt = new DateTimeOffset(2023, 1, 15, 8, 0, 0, TimeSpan.Zero) },
        new("c2") { Gender = "M", City = "Beijing", BirthDate = new(2000, 2, 29), MemberLevel = "silver", RegisteredAt = new DateTimeOffset(2024, 5, 20, 0, 0, 0, TimeSpan.Zero) },
        new("c3"),
        new("c4") { Gender = "F", City = "Shenzhen", BirthDate = new(1964, 6, 1), MemberLevel = "gold" },
    ];

    internal static readonly CustomerEvent[] Events =
    [
        new("e1", "c1", "purchase", AsOf.AddDays(-10)) { Amount = 120.5m, Category = "maternity", Channel = "online" },
        new("e2", "c1", "purchase", AsOf.AddDays(-40)) { Amount = 80m, Category = "toys", Channel = "pos" },
        new("e3", "c1", "purchase", AsOf.AddDays(-400)) { Amount = 300m, Category = "electronics", Channel = "pos" },
        new("e4", "c1", "purchase", AsOf.AddDays(1)) { Amount = 1000m, Category = "toys" },
        new("r1", "c1", "refund", AsOf.AddDays(-5)) { Amount = 20m },
        new("e5", "c2", "purchase", AsOf.AddDays(-100)) { Category = "toys" },
        new("e6", "c2", "cart_add", AsOf.AddMinutes(-30)),
        new("e7", "c4", "purchase", AsOf.AddDays(-30)) { Amount = 50m, Category = "maternity", Channel = "online" },
        new("e8", "c4", "purchase", AsOf.AddHours(-1)) { Amount = 50m, Category = "maternity", Channel = "mini_program" },
        new("e9", "c4", "purchase", AsOf.AddHours(-1)) { Amount = 10m, Category = "toys", Channel = "pos" },
    ];

    public static TheoryData<string, string> Cases => new()
    {
        // Segments and tags by name.
        { "shanghai_big", "c1" },
        { "not_big", "c2 c3 c4" },
        { "big_spender", "c1" },
        { "favourite", "c1 c2 c4" },
        // Tag references: yes/no tags, number tags (cast), other valued tags (stored text).
        { "@big_spender or @lapsed", "c1 c2" },
        { "@spend_365d > 100", "c1 c4" },
        { "@spend_365d between 0 and 100", "c2 c3" },
        { "@tier == \"bronze\"", "c2 c3 c4" },
        { "@tier in [\"gold\", \"platinum\"]", "c1" },
        { "@favourite is null", "c3" },
        // Attributes.
        { "customer.age >= 60", "c4" },
        { "customer.age == 33", "c1" },
        { "customer.age == 24", "c2" },
        { "customer.age is null", "c3" },
        { "age_years(customer.birth_date) < 30", "c2" },
        { "customer.gender == \"F\" and customer.member_level == \"gold\"", "c1 c4" },
        { "customer.city in [\"Shanghai\", \"Beijing\"]", "c1 c2" },
        { "customer.city not in [\"Shanghai\"]", "c2 c4" },
        { "customer.birth_date between 1985-01-01 and 2001-01-01", "c1 c2" },
        { "customer.birth_date not between 1985-01-01 and 2001-01-01", "c4" },
        { "customer.registered_at > now() - 30d", "c2" },
        { "customer.registered_at is not null", "c1 c2" },
        { "customer.city < \"b\"", "c1 c2 c4" },
        { "customer.id == \"c3\"", "c3" },
        { "customer.birth_date is not null and not (customer.age > 30)", "c2" },
        // Windowed aggregates.
        { "count(purchase within 30d) >= 1", "c1 c4" },
        { "count(purchase within 30d) == 2", "c4" },
        { "count(purchase) == 3", "c1 c4" },
        { "count(purchase.amount) == 0 and exists(purchase)", "c2" },
        { "sum(purchase.amount) - sum(refund.amount) > 480", "c1" },
        { "avg(purchase.amount within 365d) > 100", "c1" },
        { "avg(purchase.amount) is null", "c2 c3" },
        { "min(purchase.at) < 2023-06-01T00:00:00Z", "c1" },
        { "max(purchase.amount) >= 300", "c1" },
        { "distinct_count(purchase.category) == 3", "c1" },
        { "last(purchase).category == \"toys\"", "c2 c4" },
        { "first(purchase where channel == \"online\").amount == 120.5", "c1" },
        { "exists(purchase where category == \"maternity\" and amount >= 50 within 31d)", "c1 c4" },
        { "count(purchase where customer.city == \"Shanghai\") > 0", "c1" },
        { "exists(cart_add within 1h) and not exists(checkout)", "c2" },
        { "days_since(last(purchase).at) > 60", "c2" },
        { "days_since(last(purchase).at) <= 10", "c1 c4" },
        { "10 >= days_since(last(purchase).at)", "c1 c4" },
        // Functions and case.
        { "contains(customer.city, \"hai\")", "c1" },
        { "starts_with(customer.city, \"Sh\")", "c1 c4" },
        { "coalesce(customer.member_level, \"none\") == \"none\"", "c3" },
        { "case when customer.age >= 60 then \"senior\" when customer.age >= 30 then \"adult\" else \"young\" end == \"young\"", "c2 c3" },
    };

    [Theory, SqliteData, PostgresData]
    public async Task EveryConstructSelectsTheExpectedCustomers(DatabaseProvider provider)
    {
        var database = await fixture.GetAsync(provider);
        Assert.True(CatalogCompiler.TryCompile(CatalogText, out var catalog, out _));
        await using var db = database.CreateContext();
        PushDownData.Load(db, catalog!, Customers, Events, AsOf);
        var failures = new List<string>();
        foreach (var (text, expectedIds) in Cases.Select(row => ((string)row[0], (string)row[1])))
        {
            var expected = new SortedSet<string>(expectedIds.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
            var inMemory = PushDownData.InMemory(CatalogText, text, Customers, Events, AsOf);
            if (!SegmentQuery.TryCreate(catalog!, text, AsOf, out var query, out var problems))
            {
                failures.Add($"{text}: {string.Join("; ", problems)}");
                continue;
            }
            var actual = new SortedSet<string>(await query!.Apply(db).Select(c => c.Id).ToListAsync(), StringComparer.Ordinal);
            if (!actual.SetEquals(expected) || !inMemory.SetEquals(expected))
                failures.Add($"{text}: SQL [{string.Join(" ", actual)}], engine [{string.Join(" ", inMemory)}], expected [{expectedIds}]");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory, SqliteData, PostgresData]
    public async Task CountAsyncCountsTheMembersInOneStatement(DatabaseProvider provider)
    {
        var database = await fixture.GetAsync(provider);
        Assert.True(CatalogCompiler.TryCompile(CatalogText, out var catalog, out _));
        await using var db = database.CreateContext();
        PushDownData.Load(db, catalog!, Customers, Events, AsOf);
        Assert.True(SegmentQuery.TryCreate(catalog!, "not_big", AsOf, out var query, out _));
        Assert.Equal(3, await query!.CountAsync(db));
        // Apply composes with the host's own filters.
        Assert.Equal(["c4"], await query.Apply(db.Customers.Where(c => c.City == "Shenzhen"), db).Select(c => c.Id).ToListAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task AYesNoTagThatIsNotStoredReadsAsFalse(DatabaseProvider provider)
    {
        // c3 has no purchase, so lapsed is null in the engine and "not @lapsed" is null there too;
        // storage keeps held tags only, so push-down reads the missing assignment as false.
        var database = await fixture.GetAsync(provider);
        Assert.True(CatalogCompiler.TryCompile(CatalogText, out var catalog, out _));
        await using var db = database.CreateContext();
        PushDownData.Load(db, catalog!, Customers, Events, AsOf);
        Assert.True(SegmentQuery.TryCreate(catalog!, "not @lapsed", AsOf, out var query, out _));
        Assert.Equal(["c1", "c3", "c4"], (await query!.Apply(db).Select(c => c.Id).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(["c1", "c4"], PushDownData.InMemory(CatalogText, "not @lapsed", Customers, Events, AsOf));
    }

    [Theory, SqliteData, PostgresData]
    public async Task WindowsAndExpiryFollowTheAsOfInstant(DatabaseProvider provider)
    {
        var database = await fixture.GetAsync(provider);
        Assert.True(CatalogCompiler.TryCompile(CatalogText, out var catalog, out _));
        await using var db = database.CreateContext();
        PushDownData.Load(db, catalog!, Customers, Events, AsOf);
        // One day later e4 (1,000) has happened: c1 has purchases in the last day.
        Assert.True(SegmentQuery.TryCreate(catalog!, "count(purchase within 1d) == 1", AsOf.AddDays(1), out var later, out _));
        Assert.Equal(["c1"], await later!.Apply(db).Select(c => c.Id).ToListAsync());
        // An assignment that lapsed before the as-of instant is not held.
        var assignment = await db.TagAssignments.SingleAsync(a => a.CustomerId == "c1" && a.Tag == "big_spender");
        assignment.ExpiresAtUtc = AsOf.AddHours(-1).UtcDateTime;
        await db.SaveChangesAsync();
        Assert.True(SegmentQuery.TryCreate(catalog!, "@big_spender", AsOf, out var expired, out _));
        Assert.Empty(await expired!.Apply(db).Select(c => c.Id).ToListAsync());
        Assert.True(SegmentQuery.TryCreate(catalog!, "@big_spender", AsOf.AddHours(-2), out var before, out _));
        Assert.Equal(["c1"], await before!.Apply(db).Select(c => c.Id).ToListAsync());
    }
}
