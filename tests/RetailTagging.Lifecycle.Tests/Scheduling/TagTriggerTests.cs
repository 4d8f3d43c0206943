using RetailTagging.Engine;
using RetailTagging.Language;
using RetailTagging.Lifecycle.Tests.Support;

namespace RetailTagging.Lifecycle.Tests.Scheduling;

public sealed class TagTriggerTests
{
    private static TagChange Change(string customer, string tag, TagChangeKind kind, DateTimeOffset at) =>
        new(customer, tag, kind, Value.Null, kind == TagChangeKind.Added ? Value.FromBool(true) : Value.Null, at, TagSource.Rule, "1", "rule");

    [Fact]
    public async Task Entered_exited_and_changed_each_fire_their_own_trigger()
    {
        var h = new Harness(o => o.Add(
            Trigger.OnTagEntered("vip_in", "vip"),
            Trigger.OnTagExited("vip_out", "vip").After(TimeSpan.FromDays(1)),
            Trigger.OnTagChanged("tier_moved", "tier")));
        await h.Scheduler.OnTagChangesAsync([
            Change("c1", "vip", TagChangeKind.Added, h.Now),
            Change("c2", "vip", TagChangeKind.Expired, h.Now),
            Change("c3", "tier", TagChangeKind.ValueChanged, h.Now),
            Change("c4", "other", TagChangeKind.Added, h.Now),
        ]);
        Assert.Equal(["tier_moved|c3|tag:tier:ValueChanged:" + h.Now.UtcTicks, "vip_in|c1|tag:vip:Added:" + h.Now.UtcTicks], h.Sink.Keys.Order(StringComparer.Ordinal));
        await h.Advance(TimeSpan.FromDays(1));
        Assert.Equal("vip_out|c2|tag:vip:Expired:" + Harness.Start.UtcTicks, h.Sink.Keys[^1]);
    }

    [Fact]
    public async Task The_same_tag_change_fed_twice_fires_once()
    {
        var h = new Harness(o => o.Add(Trigger.OnTagEntered("vip_in", "vip")));
        var change = Change("c1", "vip", TagChangeKind.Added, h.Now);
        await h.Scheduler.OnTagChangesAsync([change]);
        var again = await h.Scheduler.OnTagChangesAsync([change]);
        Assert.Equal(TriggerOutcome.Duplicate, Assert.Single(again).Outcome);
        Assert.Single(h.Sink.Delivered);
    }
}
