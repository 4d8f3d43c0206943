using RetailTagging.Lifecycle.Tests.Support;

namespace RetailTagging.Lifecycle.Tests.Policies;

public sealed class CooldownAndCapTests
{
    [Fact]
    public async Task A_cooldown_suppresses_a_second_firing_for_the_same_customer_and_trigger()
    {
        var h = new Harness(o => o.Add(Trigger.OnEvent("browse", "page_view").WithCooldown(TimeSpan.FromDays(1))));
        await h.Ingest(Harness.Event("v1", "c1", "page_view", h.Now));
        await h.Advance(TimeSpan.FromHours(23));
        var second = await h.Ingest(Harness.Event("v2", "c1", "page_view", h.Now));
        Assert.Equal(("cooldown", TriggerOutcome.Suppressed), (second[0].Reason, second[0].Outcome));
        var other = await h.Ingest(Harness.Event("v3", "c2", "page_view", h.Now));
        Assert.Equal(TriggerOutcome.Delivered, other[0].Outcome);
        await h.Advance(TimeSpan.FromHours(1));
        var third = await h.Ingest(Harness.Event("v4", "c1", "page_view", h.Now));
        Assert.Equal(TriggerOutcome.Delivered, third[0].Outcome);
        Assert.Equal(["browse|c1|event:v1", "browse|c2|event:v3", "browse|c1|event:v4"], h.Sink.Keys);
    }

    [Fact]
    public async Task The_frequency_cap_counts_marketing_touches_across_triggers_in_a_rolling_week()
    {
        var h = new Harness(o =>
        {
            o.FrequencyCap = new FrequencyCap(2, TimeSpan.FromDays(7));
            o.Add(Trigger.OnEvent("a", "page_view"), Trigger.OnEvent("b", "cart_add"), Playbooks.ComplaintCallBack());
        });
        await h.Ingest(Harness.Event("1", "c1", "page_view", h.Now));
        await h.Advance(TimeSpan.FromDays(1));
        await h.Ingest(Harness.Event("2", "c1", "cart_add", h.Now));
        await h.Advance(TimeSpan.FromDays(1));
        var capped = await h.Ingest(Harness.Event("3", "c1", "page_view", h.Now));
        Assert.Equal("frequency cap", capped[0].Reason);
        // Service actions are outside the cap.
        var service = await h.Ingest(Harness.Event("4", "c1", "complaint", h.Now));
        Assert.Equal(TriggerOutcome.Delivered, service[0].Outcome);
        // Six days after the first touch the window still holds two; at seven days the first leaves it.
        await h.Advance(TimeSpan.FromDays(4));
        Assert.Equal("frequency cap", (await h.Ingest(Harness.Event("5", "c1", "page_view", h.Now)))[0].Reason);
        await h.Advance(TimeSpan.FromDays(1));
        Assert.Equal(TriggerOutcome.Delivered, (await h.Ingest(Harness.Event("6", "c1", "page_view", h.Now)))[0].Outcome);
    }

    [Fact]
    public async Task When_triggers_fire_together_the_cap_admits_the_highest_priority()
    {
        var h = new Harness(o =>
        {
            o.FrequencyCap = new FrequencyCap(1, TimeSpan.FromDays(7));
            o.Add(Trigger.OnEvent("low", "sign_up").WithPriority(1), Trigger.OnEvent("high", "sign_up").WithPriority(9), Trigger.OnEvent("mid", "sign_up").WithPriority(5));
        });
        var decisions = await h.Ingest(Harness.Event("s", "c1", "sign_up", h.Now));
        Assert.Equal(["high|c1|event:s"], h.Sink.Keys);
        Assert.Equal(2, decisions.Count(d => d.Reason == "frequency cap"));
    }

    [Fact]
    public async Task Delayed_firings_falling_due_together_are_ordered_by_priority()
    {
        var h = new Harness(o =>
        {
            o.FrequencyCap = new FrequencyCap(1, TimeSpan.FromDays(7));
            o.Add(Trigger.OnEvent("low", "purchase").After(TimeSpan.FromHours(1)).WithPriority(1),
                  Trigger.OnEvent("high", "sign_up").After(TimeSpan.FromHours(1)).WithPriority(9));
        });
        await h.Ingest(Harness.Event("p", "c1", "purchase", h.Now));
        await h.Ingest(Harness.Event("s", "c1", "sign_up", h.Now));
        await h.Advance(TimeSpan.FromHours(1));
        Assert.Equal(["high|c1|event:s"], h.Sink.Keys);
    }
}
