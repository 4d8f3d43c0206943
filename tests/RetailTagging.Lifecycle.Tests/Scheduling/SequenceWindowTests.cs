using RetailTagging.Lifecycle.Tests.Support;

namespace RetailTagging.Lifecycle.Tests.Scheduling;

public sealed class SequenceWindowTests
{
    private static readonly TimeSpan M30 = TimeSpan.FromMinutes(30);

    [Fact]
    public async Task Cart_add_followed_by_checkout_within_30m_does_not_nudge()
    {
        var h = new Harness(o => o.Add(Playbooks.AbandonedCart()));
        await h.Ingest(Harness.Event("a1", "c1", "cart_add", h.Now));
        await h.Advance(TimeSpan.FromMinutes(29));
        var decisions = await h.Ingest(Harness.Event("k1", "c1", "checkout", h.Now));
        Assert.Equal(TriggerOutcome.Cancelled, Assert.Single(decisions).Outcome);
        await h.Advance(TimeSpan.FromHours(2));
        Assert.Empty(h.Sink.Delivered);
    }

    [Fact]
    public async Task Cart_add_without_checkout_nudges_at_exactly_30m_and_a_later_checkout_is_too_late()
    {
        var h = new Harness(o => o.Add(Playbooks.AbandonedCart()));
        await h.Ingest(Harness.Event("a1", "c1", "cart_add", h.Now));
        await h.Advance(M30);
        var firing = Assert.Single(h.Sink.Delivered);
        Assert.Equal("send_cart_reminder", firing.Action);
        Assert.Equal(TriggerChannel.Push, firing.Channel);
        Assert.Equal(Harness.Start + M30, h.Sink.Attempts[0].At);
        var decisions = await h.Ingest(Harness.Event("k1", "c1", "checkout", h.Now + TimeSpan.FromMinutes(1)));
        Assert.Empty(decisions);
    }

    [Fact]
    public async Task A_checkout_that_happened_before_the_cart_add_does_not_cancel_it()
    {
        var h = new Harness(o => o.Add(Playbooks.AbandonedCart()));
        await h.Ingest(Harness.Event("a1", "c1", "cart_add", h.Now));
        var decisions = await h.Ingest(Harness.Event("k0", "c1", "checkout", h.Now - TimeSpan.FromMinutes(1)));
        Assert.Empty(decisions);
        await h.Advance(M30);
        Assert.Single(h.Sink.Delivered);
    }

    [Fact]
    public async Task Another_customers_checkout_does_not_cancel()
    {
        var h = new Harness(o => o.Add(Playbooks.AbandonedCart()));
        await h.Ingest(Harness.Event("a1", "c1", "cart_add", h.Now));
        await h.Ingest(Harness.Event("k1", "c2", "checkout", h.Now + TimeSpan.FromMinutes(5)));
        await h.Advance(M30);
        Assert.Equal("c1", Assert.Single(h.Sink.Delivered).CustomerId);
    }

    [Fact]
    public async Task Replenishment_fires_once_28_days_after_the_last_formula_purchase()
    {
        var h = new Harness(o => o.Add(Playbooks.Replenishment()));
        await h.Ingest(Harness.Event("p1", "c1", "purchase", h.Now, 200, "formula_milk"));
        await h.Advance(TimeSpan.FromDays(20));
        await h.Ingest(Harness.Event("p2", "c1", "purchase", h.Now, 30, "diapers"));
        await h.Advance(TimeSpan.FromDays(1));
        var decisions = await h.Ingest(Harness.Event("p3", "c1", "purchase", h.Now, 200, "formula_milk"));
        Assert.Contains(decisions, d => d.Outcome == TriggerOutcome.Cancelled && d.IdempotencyKey.EndsWith("event:p1", StringComparison.Ordinal));
        Assert.Contains(decisions, d => d.Outcome == TriggerOutcome.Scheduled && d.At == Harness.Start + TimeSpan.FromDays(49));
        await h.Advance(TimeSpan.FromDays(28));
        var firing = Assert.Single(h.Sink.Delivered);
        Assert.Equal("formula_replenishment|c1|event:p3", firing.IdempotencyKey);
        Assert.Equal("formula_milk", firing.Properties["category"]);
    }

    [Fact]
    public async Task Win_back_fires_after_90_dormant_days()
    {
        var h = new Harness(o => o.Add(Playbooks.WinBack()));
        await h.Ingest(Harness.Event("p1", "c1", "purchase", h.Now, 10));
        await h.Advance(TimeSpan.FromDays(89));
        Assert.Empty(h.Sink.Delivered);
        await h.Advance(TimeSpan.FromDays(1));
        Assert.Equal(TriggerChannel.Sms, Assert.Single(h.Sink.Delivered).Channel);
    }
}
