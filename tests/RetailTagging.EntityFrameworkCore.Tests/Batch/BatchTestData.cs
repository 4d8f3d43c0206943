using Microsoft.EntityFrameworkCore;
using RetailTagging.Catalog;
using RetailTagging.Engine;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.EntityFrameworkCore.Privacy;
using RetailTagging.EntityFrameworkCore.Stores;

namespace RetailTagging.EntityFrameworkCore.Tests.Batch;

/// <summary>A small catalog and population for the batch tests, written as rows, and the same data as engine objects.</summary>
internal static class BatchTestData
{
    public const string CatalogText = """
        timezone "Asia/Shanghai"
        attribute loyalty_points : number
        attribute interests : list<string>
        property purchase.coupon : string

        tag recent_buyer ttl 10d = exists(purchase within 7d)
        tag spend_30d = sum(purchase.amount within 30d)
        tag tier = case when customer.loyalty_points >= 5000 then "gold" when @recent_buyer then "active" else null end
        tag tea_lover = "tea" in customer.interests
        tag example_mail = ends_with(customer.email, "@example.com")
        tag named_li = starts_with(customer.name, "Li")
        tag coupon_user = exists(purchase where coupon is not null within 90d)
        tag last_purchase_at = last(purchase).at
        tag never_bought = not exists(purchase)
        """;

    public static readonly DateTimeOffset Start = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static CompiledCatalog Catalog { get; } = Compile(CatalogText);

    public static PersonalDataProtector Protector { get; } = new(new StaticKeyProvider("test",
        new Dictionary<string, byte[]> { ["test"] = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray() },
        Enumerable.Range(50, 32).Select(i => (byte)i).ToArray()));

    public static CompiledCatalog Compile(string text)
    {
        CatalogCompiler.TryCompile(text, out var catalog, out var diagnostics);
        Assert.True(catalog is not null && !diagnostics.Any(d => d.IsError), string.Join("\n", diagnostics));
        return catalog!;
    }

    /// <summary>
    /// Customers whose ids sort differently by ordinal and by linguistic collations (upper and lower case, digits of
    /// different lengths, non-ASCII), so the keyset must rely on the database's own order.
    /// </summary>
    public static IReadOnlyList<(Customer Customer, IReadOnlyList<CustomerEvent> Events)> Population()
    {
        string[] ids = ["a-1", "B-2", "c-3", "10", "9", "Zed", "zed", "é-7", "li-9", "x", "quiet"];
        var result = new List<(Customer, IReadOnlyList<CustomerEvent>)>();
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            var customer = new Customer(id)
            {
                Name = i % 3 == 0 ? "Li Na " + i : "Wang " + i,
                Phone = "+86138000000" + i.ToString("D2"),
                Email = i % 2 == 0 ? $"user{i}@example.com" : $"user{i}@other.cn",
                City = i % 2 == 0 ? "Shanghai" : null,
                RegisteredAt = Start.AddDays(-400 + i),
                Attributes = new Dictionary<string, object?>
                {
                    ["loyalty_points"] = i % 4 == 0 ? 6000m : 100m * i,
                    ["interests"] = i % 3 == 1 ? new[] { "tea", "wine" } : new[] { "coffee" },
                },
            };
            var events = new List<CustomerEvent>();
            // Purchases every (i + 2) days over 60 days, the last one i days before the start; "x" and "quiet" never buy.
            for (var k = 0; id is not ("x" or "quiet") && k < 60 / (i + 2); k++)
            {
                events.Add(new CustomerEvent($"{id}-e{k}", id, "purchase", Start.AddDays(-i - k * (i + 2)).AddHours(3))
                {
                    Amount = 10m * (k + 1) + 0.25m,
                    Channel = k % 2 == 0 ? "pos" : "online",
                    Properties = k % 3 == 0 ? new Dictionary<string, object?> { ["coupon"] = "C" + k } : new Dictionary<string, object?>(),
                });
            }
            result.Add((customer, events));
        }
        return result;
    }

    /// <summary>Events after the start, so a later run sees new purchases and the TTL of recent_buyer at work.</summary>
    public static IReadOnlyList<CustomerEvent> LaterEvents() =>
    [
        new("a-1-late", "a-1", "purchase", Start.AddDays(20)) { Amount = 99m },
        new("x-late", "x", "purchase", Start.AddDays(21)) { Amount = 5m },
        new("zed-late", "zed", "page_view", Start.AddDays(22)),
    ];

    public static async Task SeedAsync(DbContext context, IEnumerable<(Customer Customer, IReadOnlyList<CustomerEvent> Events)> population)
    {
        foreach (var (customer, events) in population)
        {
            context.Add(ToRow(customer));
            await AddEventsAsync(context, events, save: false);
        }
        await context.SaveChangesAsync();
        context.ChangeTracker.Clear();
    }

    public static async Task AddEventsAsync(DbContext context, IEnumerable<CustomerEvent> events, bool save = true)
    {
        foreach (var e in events)
        {
            context.Add(new EventRow
            {
                Id = e.Id,
                CustomerId = e.CustomerId,
                Type = e.Type,
                AtUtc = e.At.UtcDateTime,
                Channel = e.Channel,
                Amount = e.Amount,
                PropertiesJson = TypedJson.Write(e.Properties),
                StoredAtUtc = Start.UtcDateTime,
            });
        }
        if (!save) return;
        await context.SaveChangesAsync();
        context.ChangeTracker.Clear();
    }

    public static CustomerRow ToRow(Customer customer)
    {
        var row = new CustomerRow { Id = customer.Id, UpdatedAtUtc = Start.UtcDateTime };
        CustomerRowMapper.Copy(customer, row, Protector, new LookupKeys(Protector, "CN"));
        return row;
    }

    /// <summary>The stored assignments, as comparable text, sorted.</summary>
    public static async Task<IReadOnlyList<string>> AssignmentsAsync(DbContext context) =>
        (await context.Set<TagAssignmentRow>().AsNoTracking().ToListAsync())
        .Select(a => $"{a.CustomerId}|{a.Tag}|{a.Value}|{a.AssignedAtUtc:O}|{a.ExpiresAtUtc:O}|{a.Source}|{a.RuleVersion}")
        .OrderBy(s => s, StringComparer.Ordinal).ToList();

    /// <summary>The stored history rows (without their database ids), as comparable text, sorted.</summary>
    public static async Task<IReadOnlyList<string>> HistoryAsync(DbContext context) =>
        (await context.Set<TagHistoryRow>().AsNoTracking().ToListAsync())
        .Select(h => $"{h.CustomerId}|{h.Tag}|{h.Kind}|{h.OldValue}|{h.NewValue}|{h.AtUtc:O}|{h.Source}|{h.RuleVersion}|{h.Reason}|{h.RunId}")
        .OrderBy(s => s, StringComparer.Ordinal).ToList();
}
