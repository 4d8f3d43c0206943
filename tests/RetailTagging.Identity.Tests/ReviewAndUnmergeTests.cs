using Microsoft.Extensions.Time.Testing;
using RetailTagging.Identity;
using Xunit;
using static RetailTagging.Identity.Tests.Build;

namespace RetailTagging.Identity.Tests;

public sealed class ReviewAndUnmergeTests
{
    // Same phone, names one character apart: a fuzzy candidate between the thresholds.
    private static SourceRecord[] Doubtful() =>
    [
        Record("pos:1", ids: [("phone", "13812345678")], attrs: [("name", "王伟")]),
        Record("desk:1", minutes: 1, ids: [("phone", "138-1234-5678")], attrs: [("name", "王玮")]),
    ];

    [Fact]
    public async Task Doubtful_pairs_are_queued_with_an_explanation()
    {
        using var resolver = Resolver();
        await resolver.AddRangeAsync(Doubtful());
        var item = Assert.Single(resolver.GetReviewQueue());
        Assert.Equal(ReviewKind.FuzzyMatch, item.Kind);
        Assert.InRange(item.Score!.Value, 0.6, 0.9);
        Assert.NotNull(item.Explanation);
        Assert.Contains(item.Explanation!.Fields, f => f.Field == "name" && f.Similarity is > 0 and < 1);
        Assert.Contains(item.Explanation.Fields, f => f.Field == "phone" && f.Similarity == 1);
        Assert.Equal(2, resolver.CustomerCount);
    }

    [Fact]
    public async Task Approval_merges_and_later_runs_respect_it()
    {
        var store = new InMemoryIdentityStore();
        using (var resolver = new IdentityResolver(new IdentityResolutionOptions(), store))
        {
            await resolver.AddRangeAsync(Doubtful());
            await resolver.ApproveAsync(resolver.GetReviewQueue()[0].Id, "agent-7", "same caller");
            Assert.Equal(1, resolver.CustomerCount);
            Assert.Empty(resolver.GetReviewQueue());
            var step = Assert.Single(resolver.GetCustomerOfRecord("pos:1")!.History);
            Assert.Equal(MergeReasonKind.Decision, step.Kind);
            Assert.Contains("agent-7", step.Reason);
        }
        // A new resolver over the same store rebuilds the same customers from records and decisions.
        using var reloaded = new IdentityResolver(new IdentityResolutionOptions(), store);
        await reloaded.InitializeAsync();
        Assert.Equal(1, reloaded.CustomerCount);
        Assert.Empty(reloaded.GetReviewQueue());
    }

    [Fact]
    public async Task Rejection_keeps_records_apart_even_when_a_rule_would_link_them()
    {
        using var resolver = Resolver();
        await resolver.AddRangeAsync(Doubtful());
        await resolver.RejectAsync(resolver.GetReviewQueue()[0].Id);
        Assert.Empty(resolver.GetReviewQueue());
        // Later the desk record gets the exact same name: the rule matches, the rejection still wins.
        await resolver.AddAsync(Record("desk:1", minutes: 1, ids: [("phone", "13812345678")], attrs: [("name", "王伟")]));
        Assert.Equal(2, resolver.CustomerCount);
    }

    [Fact]
    public async Task Unmerge_restores_the_previous_clusters_and_recomputes_golden_records()
    {
        using var resolver = Resolver();
        await resolver.AddRangeAsync([
            Record("a", ids: [("member_id", "M1")], attrs: [("name", "王伟"), ("city", "上海")]),
            Record("b", minutes: 1, ids: [("member_id", "M1"), ("email", "w@qq.com")], attrs: [("city", "北京")], updatedMinutes: 5),
        ]);
        var before = Partition(resolver);
        Assert.Equal(["a,b"], before);
        await resolver.AddAsync(Record("c", minutes: 2, ids: [("email", "w@qq.com")], attrs: [("city", "深圳")], updatedMinutes: 10));
        var merged = resolver.GetCustomerOfRecord("c")!;
        Assert.Equal("深圳", merged.Golden.Attributes["city"].Value);
        var emailStep = merged.History.Single(s => s.Reason.StartsWith("same_email", StringComparison.Ordinal));

        var result = await resolver.UnmergeAsync(merged.Id, emailStep.Sequence, "ops");
        Assert.Equal(before.Append("c").ToHashSet(), Partition(resolver));
        Assert.Equal("北京", resolver.GetCustomerOfRecord("a")!.Golden.Attributes["city"].Value);
        Assert.Contains(result.Changes, c => c.Kind == IdentityChangeKind.Split);
        // The old id still finds a customer: the side with its oldest record.
        Assert.Equal(resolver.GetCustomerOfRecord("a")!.Id, resolver.GetCustomer(merged.Id)!.Id);
        // And it stays split when more records arrive.
        await resolver.AddAsync(Record("d", minutes: 3, ids: [("email", "w@qq.com"), ("member_id", "M1")]));
        Assert.NotEqual(resolver.GetCustomerOfRecord("a")!.Id, resolver.GetCustomerOfRecord("c")!.Id);
    }

    [Fact]
    public async Task Old_ids_map_to_the_current_customer_after_a_merge()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        var store = new InMemoryIdentityStore();
        using var resolver = new IdentityResolver(new IdentityResolutionOptions(), store, clock);
        await resolver.AddRangeAsync([
            Record("online:9", minutes: 9, ids: [("email", "w@qq.com")]),
            Record("pos:1", minutes: 1, ids: [("member_id", "M1")]),
        ]);
        var oldId = resolver.GetCustomerOfRecord("online:9")!.Id;
        Assert.Equal("cust:online:9", oldId);
        clock.Advance(TimeSpan.FromHours(1));
        var result = await resolver.AddAsync(Record("mini:5", minutes: 5, ids: [("email", "w@qq.com"), ("member_id", "M1")]));
        var merged = Assert.Single(result.Changes);
        Assert.Equal(IdentityChangeKind.Merged, merged.Kind);
        Assert.Equal(["cust:online:9", "cust:pos:1"], merged.Before);
        Assert.Equal(["cust:pos:1"], merged.After);
        Assert.Equal(clock.GetUtcNow(), merged.At);
        Assert.Equal("cust:pos:1", resolver.GetCustomer(oldId)!.Id);
        Assert.Equal("cust:pos:1", store.GetAssignment("online:9"));
        Assert.Single(await resolver.GetHistoryAsync());
    }

    [Fact]
    public async Task Manual_merge_and_its_unmerge()
    {
        using var resolver = Resolver();
        await resolver.AddRangeAsync([Record("a", ids: [("email", "a@qq.com")]), Record("b", minutes: 1, ids: [("email", "b@qq.com")])]);
        await resolver.MergeAsync("cust:a", "cust:b", "ops", "same person, told us by phone");
        var customer = resolver.GetCustomer("cust:b")!;
        Assert.Equal(["a", "b"], customer.RecordIds);
        await resolver.UnmergeAsync(customer.Id, customer.History.Single().Sequence);
        Assert.Equal(2, resolver.CustomerCount);
        Assert.Empty(resolver.GetDecisions());
    }

    [Fact]
    public async Task Bad_arguments_are_clear_errors()
    {
        using var resolver = Resolver();
        await resolver.AddAsync(Record("a", ids: [("email", "a@qq.com")]));
        await Assert.ThrowsAsync<ArgumentException>(() => resolver.ApproveAsync("review-nope"));
        await Assert.ThrowsAsync<ArgumentException>(() => resolver.MergeAsync("cust:a", "cust:a"));
        await Assert.ThrowsAsync<ArgumentException>(() => resolver.MergeAsync("cust:a", "cust:zzz"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => resolver.UnmergeAsync("cust:a", 0));
        Assert.Throws<ArgumentException>(() => new SourceRecord(" ", "pos"));
    }
}
