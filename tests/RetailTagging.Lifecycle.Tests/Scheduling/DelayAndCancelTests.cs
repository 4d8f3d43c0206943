using RetailTagging.Lifecycle.Tests.Support;

namespace RetailTagging.Lifecycle.Tests.Scheduling;

public sealed class DelayAndCancelTests
{
    private static readonly TimeSpan H72 = TimeSpan.FromHours(72);

    [Fact]
    public async Task A_delayed_trigger_fires_at_its_due_instant_and_not_before()
    {
        var h = new Harness(o => o.Add(Trigger.OnEvent("thanks", "purchase").After(H72)));
        var decisions = await h.Ingest(Harness.Event("e1", "c1", "purchase", h.Now));
        Assert.Equal(TriggerOutcome.Scheduled, Assert.Single(decisions).Outcome);
        Assert.Equal(h.Now + H72, decisions[0].At);

        await h.Advance(H72 - TimeSpan.FromSeconds(1));
        Assert.Empty(h.Sink.Delivered);
        await h.Advance(TimeSpan.FromSeconds(1));
        var firing = Assert.Single(h.Sink.Delivered);
        Assert.Equal("thanks|c1|event:e1", firing.IdempotencyKey);
        Assert.Equal(Harness.Start + H72, h.Sink.Attempts[0].At);
        Assert.Equal(0, h.Store.Count);
    }

    [Fact]
    public async Task First_purchase_coupon_is_cancelled_by_a_second_order_within_72h()
    {
        var h = new Harness(o => o.Add(Playbooks.FirstPurchaseCoupon()));
        var first = Harness.Event("o1", "c1", "purchase", h.Now, 120);
        await h.Ingest(first, [first]);
        await h.Advance(TimeSpan.FromHours(30));
        var second = Harness.Event("o2", "c1", "purchase", h.Now, 80);
        var decisions = await h.Ingest(second, [first, second]);

        Assert.Contains(decisions, d => d.Outcome == TriggerOutcome.Cancelled && d.IdempotencyKey == "first_purchase_coupon|c1|event:o1");
        // The second order is not a first purchase: nothing new is scheduled.
        Assert.DoesNotContain(decisions, d => d.Outcome == TriggerOutcome.Scheduled);
        await h.Advance(TimeSpan.FromDays(10));
        Assert.Empty(h.Sink.Delivered);
    }

    [Fact]
    public async Task First_purchase_coupon_is_sent_when_no_second_order_comes_and_a_late_order_changes_nothing()
    {
        var h = new Harness(o => o.Add(Playbooks.FirstPurchaseCoupon()));
        var first = Harness.Event("o1", "c1", "purchase", h.Now, 120);
        await h.Ingest(first, [first]);
        await h.Advance(H72);
        Assert.Equal("send_coupon", Assert.Single(h.Sink.Delivered).Action);
        var late = Harness.Event("o2", "c1", "purchase", h.Now + TimeSpan.FromHours(1));
        var decisions = await h.Ingest(late, [first, late]);
        Assert.DoesNotContain(decisions, d => d.Outcome == TriggerOutcome.Cancelled);
        Assert.Single(h.Sink.Delivered);
    }

    [Fact]
    public async Task A_history_condition_without_history_is_an_argument_error()
    {
        var h = new Harness(o => o.Add(Playbooks.FirstPurchaseCoupon()));
        var e = Harness.Event("o1", "c1", "purchase", h.Now);
        var ex = await Assert.ThrowsAsync<ArgumentException>(async () => await h.Scheduler.OnEventAsync(e));
        Assert.Contains("history", ex.Message);
    }

    [Fact]
    public async Task An_event_filter_selects_events_by_their_fields()
    {
        var h = new Harness(o => o.Add(Trigger.OnEvent("big_spender", "purchase", where: "amount >= 500")));
        await h.Ingest(Harness.Event("e1", "c1", "purchase", h.Now, 499.99m));
        await h.Ingest(Harness.Event("e2", "c1", "purchase", h.Now, 500m));
        await h.Ingest(Harness.Event("e3", "c1", "refund", h.Now, 900m));
        Assert.Equal(["big_spender|c1|event:e2"], h.Sink.Keys);
    }

    [Fact]
    public void A_filter_that_does_not_compile_is_an_argument_error_naming_it()
    {
        var ex = Assert.Throws<ArgumentException>(() => Trigger.OnEvent("x", "purchase", where: "amount >>= 5"));
        Assert.Contains("amount >>= 5", ex.Message);
    }

    [Fact]
    public async Task A_cancel_window_shorter_than_the_delay_only_cancels_inside_it()
    {
        var h = new Harness(o => o.Add(Trigger.OnEvent("t", "sign_up").After(TimeSpan.FromDays(7)).UnlessEvent("purchase", within: TimeSpan.FromDays(2))));
        await h.Ingest(Harness.Event("s1", "c1", "sign_up", h.Now));
        await h.Ingest(Harness.Event("s2", "c2", "sign_up", h.Now));
        await h.Ingest(Harness.Event("p1", "c1", "purchase", h.Now + TimeSpan.FromDays(1)));
        await h.Ingest(Harness.Event("p2", "c2", "purchase", h.Now + TimeSpan.FromDays(3)));
        await h.Advance(TimeSpan.FromDays(8));
        Assert.Equal(["t|c2|event:s2"], h.Sink.Keys);
    }
}
