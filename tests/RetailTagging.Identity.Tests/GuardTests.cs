using RetailTagging.Identity;
using Xunit;
using static RetailTagging.Identity.Tests.Build;

namespace RetailTagging.Identity.Tests;

public sealed class GuardTests
{
    [Theory]
    [InlineData("phone", "13800000000")]
    [InlineData("phone", "+86 138 0000 0000")]
    [InlineData("phone", "13800138000")]
    [InlineData("phone", "18888888888")]
    [InlineData("email", "test@test.com")]
    [InlineData("email", "TEST@TEST.COM")]
    [InlineData("email", "someone@example.com")]
    [InlineData("member_id", "0000")]
    [InlineData("member_id", "N/A")]
    public async Task Blocked_values_never_link(string type, string value)
    {
        using var resolver = Resolver();
        var result = await resolver.AddRangeAsync([
            Record("a", ids: [(type, value)], attrs: [("name", "王伟")]),
            Record("b", minutes: 1, ids: [(type, value)], attrs: [("name", "王伟")]),
            Record("c", minutes: 2, ids: [(type, value)], attrs: [("name", "李娜")]),
        ]);
        Assert.Equal(3, resolver.CustomerCount);
        Assert.Equal(3, result.Issues.Count);
        Assert.All(result.Issues, i => Assert.True(i.Blocked, i.Reason));
    }

    [Fact]
    public async Task Configured_blocked_values_and_patterns_apply_after_normalisation()
    {
        using var resolver = Resolver(o =>
        {
            o.BlockedValues.Add(new BlockedValue { Type = "phone", Value = "139 1111 2222" });
            o.BlockedValues.Add(new BlockedValue { Type = "member_id", Pattern = "TEMP.*" });
        });
        await resolver.AddRangeAsync([
            Record("a", ids: [("phone", "+8613911112222"), ("member_id", "temp-1")], attrs: [("name", "王伟")]),
            Record("b", minutes: 1, ids: [("phone", "13911112222"), ("member_id", "TEMP1")], attrs: [("name", "王伟")]),
        ]);
        Assert.Equal(2, resolver.CustomerCount);
        Assert.Equal(4, resolver.GetIssues().Count(i => i.Blocked));
    }

    [Fact]
    public async Task Default_blocked_values_can_be_turned_off()
    {
        using var resolver = Resolver(o => o.UseDefaultBlockedValues = false);
        await resolver.AddRangeAsync([
            Record("a", ids: [("email", "test@test.com")]),
            Record("b", minutes: 1, ids: [("email", "test@test.com")]),
        ]);
        Assert.Equal(1, resolver.CustomerCount);
    }

    [Fact]
    public async Task A_link_that_would_break_a_limit_is_not_made_and_goes_to_review()
    {
        using var resolver = Resolver();
        await resolver.AddRangeAsync([
            Record("a", ids: [("member_id", "M1"), ("phone", "13812345678")], attrs: [("name", "王伟")]),
            Record("b", minutes: 1, ids: [("member_id", "M2"), ("phone", "13812345678")], attrs: [("name", "王伟")]),
        ]);
        Assert.Equal(2, resolver.CustomerCount);
        var item = Assert.Single(resolver.GetReviewQueue());
        Assert.Equal(ReviewKind.LimitConflict, item.Kind);
        Assert.Contains("member_id", item.Reason);
        Assert.Equal(("a", "b"), (item.LeftRecordId, item.RightRecordId));
    }

    [Fact]
    public async Task Limits_hold_for_a_customer_with_many_values()
    {
        using var resolver = Resolver(o => o.IdentifierLimits["email"] = 2);
        // One member id ties all four together; each has its own e-mail: the member-id rule may not exceed 2 e-mails.
        await resolver.AddRangeAsync(Enumerable.Range(0, 4).Select(i =>
            Record($"r{i}", minutes: i, ids: [("member_id", "M1"), ("email", $"u{i}@qq.com")])));
        foreach (var id in resolver.GetCustomerIds())
        {
            Assert.True(resolver.GetCustomer(id)!.Golden.Identifiers["email"].Count <= 2);
        }
        Assert.Equal(2, resolver.CustomerCount);
    }

    [Fact]
    public async Task Stronger_rules_link_first_and_the_weaker_link_yields()
    {
        // b-c share phone and name (priority 50); a-b share only an e-mail (priority 60).
        // Linking a-b first would leave c out; priorities make a yield instead, whatever the order.
        SourceRecord[] records =
        [
            Record("a", ids: [("member_id", "M1"), ("email", "x@qq.com")]),
            Record("b", minutes: 1, ids: [("email", "x@qq.com"), ("phone", "13812345678")], attrs: [("name", "王伟")]),
            Record("c", minutes: 2, ids: [("member_id", "M2"), ("phone", "13812345678")], attrs: [("name", "王伟")]),
        ];
        foreach (var order in new[] { records, records.Reverse().ToArray() })
        {
            using var resolver = Resolver();
            foreach (var r in order)
            {
                await resolver.AddAsync(r);
            }
            Assert.Equal(["a", "b,c"], Partition(resolver).Order());
            Assert.Equal(ReviewKind.LimitConflict, Assert.Single(resolver.GetReviewQueue()).Kind);
        }
    }

    [Fact]
    public async Task A_family_phone_does_not_merge_people_with_different_names()
    {
        using var resolver = Resolver();
        await resolver.AddRangeAsync([
            Record("husband", ids: [("phone", "13812345678")], attrs: [("name", "王伟"), ("gender", "M")]),
            Record("wife", minutes: 1, ids: [("phone", "138 1234 5678")], attrs: [("name", "李娜"), ("gender", "F")]),
            Record("wife-online", minutes: 2, ids: [("phone", "+86 13812345678")], attrs: [("name", "李娜")]),
            Record("unknown", minutes: 3, ids: [("phone", "13812345678")]),
        ]);
        Assert.Equal(["husband", "unknown", "wife,wife-online"], Partition(resolver).Order());
        // The nameless record could be either of them: a person must decide.
        Assert.Contains(resolver.GetReviewQueue(), r => r.Kind == ReviewKind.SharedIdentifier && (r.LeftRecordId == "unknown" || r.RightRecordId == "unknown"));
    }

    [Fact]
    public async Task A_value_shared_by_too_many_records_links_none_of_them()
    {
        using var resolver = Resolver(o => { o.MaxRecordsPerValue = 3; o.Fuzzy.MaxBlockSize = 3; });
        await resolver.AddRangeAsync(Enumerable.Range(0, 3).Select(i => Record($"r{i}", minutes: i, ids: [("email", "shared@qq.com")])));
        Assert.Equal(1, resolver.CustomerCount);
        await resolver.AddAsync(Record("r3", minutes: 3, ids: [("email", "shared@qq.com")]));
        Assert.Equal(4, resolver.CustomerCount);
    }
}
