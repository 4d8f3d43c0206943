using RetailTagging.Identity;
using Xunit;
using static RetailTagging.Identity.Tests.Build;

namespace RetailTagging.Identity.Tests;

public sealed class GoldenRecordTests
{
    private static SourceRecord[] ThreeSources() =>
    [
        Record("pos:1", "pos", minutes: 0, ids: [("member_id", "M1"), ("phone", "13812345678")], attrs: [("name", "王伟"), ("city", "上海"), ("birth_date", "1990-05-17")], updatedMinutes: 10),
        Record("online:1", "online", minutes: 5, ids: [("member_id", "M1"), ("email", "w@qq.com")], attrs: [("name", "王玮"), ("city", "北京"), ("birth_date", "1990/05/17")], updatedMinutes: 50),
        Record("mini:1", "mini_program", minutes: 7, ids: [("member_id", "M1")], attrs: [("name", "王玮"), ("birth_date", "1990-07-15"), ("level", "gold")], updatedMinutes: 30),
    ];

    [Fact]
    public async Task Survivorship_rules_pick_per_attribute_with_provenance_and_log_conflicts()
    {
        using var resolver = Resolver(o =>
        {
            o.SourcePriorities["pos"] = 10; // offline beats online
            o.SourcePriorities["online"] = 1;
            o.Survivorship.Attributes["city"] = SurvivorshipRule.MostRecent;
            o.Survivorship.Attributes["level"] = SurvivorshipRule.FirstNonEmpty;
        });
        await resolver.AddRangeAsync(ThreeSources());
        var golden = resolver.GetCustomerOfRecord("pos:1")!.Golden;

        Assert.Equal(("王伟", "pos:1", SurvivorshipRule.SourcePriority), (golden.Attributes["name"].Value, golden.Attributes["name"].RecordId, golden.Attributes["name"].Rule));
        Assert.Equal(("北京", "online:1"), (golden.Attributes["city"].Value, golden.Attributes["city"].RecordId));
        Assert.Equal(SurvivorshipRule.MostFrequent, golden.Attributes["birth_date"].Rule);
        Assert.Equal("1990-05-17", TextFolding.ParseDate(golden.Attributes["birth_date"].Value)!.Value.ToString("yyyy-MM-dd"));
        Assert.Equal(("gold", "mini:1"), (golden.Attributes["level"].Value, golden.Attributes["level"].RecordId));
        Assert.Equal("+8613812345678", golden.Attributes["phone"].Value);
        Assert.Equal(["M1"], golden.Identifiers["member_id"]);

        var nameConflict = Assert.Single(golden.Conflicts, c => c.Attribute == "name");
        Assert.Equal(3, nameConflict.Candidates.Count);
        Assert.Equal("王伟", nameConflict.Winner.Value);
        Assert.DoesNotContain(golden.Conflicts, c => c.Attribute == "level");
    }

    [Fact]
    public async Task Most_frequent_and_most_recent_use_deterministic_tie_breaks()
    {
        using var a = Resolver();
        using var b = Resolver();
        var records = ThreeSources();
        await a.AddRangeAsync(records);
        await b.AddRangeAsync(records.Reverse());
        Assert.Equal(
            a.GetCustomerOfRecord("pos:1")!.Golden.Attributes.ToDictionary(p => p.Key, p => p.Value),
            b.GetCustomerOfRecord("pos:1")!.Golden.Attributes.ToDictionary(p => p.Key, p => p.Value));
    }

    [Fact]
    public async Task The_resolved_customer_feeds_the_engine_with_the_union_of_events()
    {
        using var resolver = Resolver();
        var at = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        await resolver.AddRangeAsync([
            Record("pos:1", ids: [("member_id", "M1")], attrs: [("name", "王伟"), ("gender", "男"), ("birth_date", "19900517"), ("city", "上海")]) with
            {
                Events = [new CustomerEvent("e1", "pos:1", EventTypes.Purchase, at) { Amount = 99.5m }, new CustomerEvent("e2", "pos:1", EventTypes.Refund, at.AddDays(2))],
            },
            Record("online:1", minutes: 1, ids: [("member_id", "M1"), ("email", "w@qq.com")]) with
            {
                Events = [new CustomerEvent("e3", "online:1", EventTypes.CartAdd, at.AddDays(1)), new CustomerEvent("e1", "online:1", EventTypes.Purchase, at) { Amount = 99.5m }],
            },
        ]);
        var resolved = resolver.GetCustomerOfRecord("online:1")!;
        Assert.Equal(["e1", "e3", "e2"], resolved.Events.Select(e => e.Id));
        Assert.All(resolved.Events, e => Assert.Equal(resolved.Id, e.CustomerId));
        Assert.Equal(99.5m, resolved.Events[0].Amount);
        var customer = resolved.Customer;
        Assert.Equal(resolved.Id, customer.Id);
        Assert.Equal(("王伟", "M", new DateOnly(1990, 5, 17), "上海", "w@qq.com"), (customer.Name, customer.Gender, customer.BirthDate, customer.City, customer.Email));
        Assert.Equal(Build.T0, customer.RegisteredAt);
    }
}
