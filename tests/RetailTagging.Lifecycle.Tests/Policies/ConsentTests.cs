using RetailTagging.Lifecycle.Tests.Support;

namespace RetailTagging.Lifecycle.Tests.Policies;

public sealed class ConsentTests
{
    [Fact]
    public async Task A_firing_goes_to_the_first_channel_not_opted_out_and_is_suppressed_when_all_are()
    {
        var h = new Harness(o => o.Add(Playbooks.NewMemberWelcome()));
        h.Consent.OptOut("c1", TriggerChannel.WeChat);
        h.Consent.OptOut("c2", TriggerChannel.WeChat);
        h.Consent.OptOut("c2", TriggerChannel.Sms);
        h.Consent.OptOut("c2", TriggerChannel.Email);
        await h.Ingest(Harness.Event("s1", "c1", "sign_up", h.Now));
        var decisions = await h.Ingest(Harness.Event("s2", "c2", "sign_up", h.Now));
        Assert.Equal(TriggerChannel.Sms, Assert.Single(h.Sink.Delivered).Channel);
        Assert.Equal(("opted out of every channel", TriggerOutcome.Suppressed), (decisions[0].Reason, decisions[0].Outcome));
        Assert.Empty(h.Sink.ReachedOptedOutChannel);
    }

    [Fact]
    public async Task Opting_back_in_restores_the_channel()
    {
        var h = new Harness(o => o.Add(Trigger.OnEvent("t", "page_view").Via(TriggerChannel.Email)));
        h.Consent.OptOut("c1", TriggerChannel.Email);
        await h.Ingest(Harness.Event("v1", "c1", "page_view", h.Now));
        h.Consent.OptIn("c1", TriggerChannel.Email);
        await h.Ingest(Harness.Event("v2", "c1", "page_view", h.Now));
        Assert.Equal(["t|c1|event:v2"], h.Sink.Keys);
    }

    [Fact]
    public async Task Consent_withdrawn_between_a_failed_attempt_and_its_retry_stops_the_retry()
    {
        var h = new Harness(o => o.Add(Trigger.OnEvent("t", "page_view").Via(TriggerChannel.Sms)));
        h.Sink.FailuresBeforeSuccess = 1;
        await h.Ingest(Harness.Event("v1", "c1", "page_view", h.Now));
        h.Consent.OptOut("c1", TriggerChannel.Sms);
        await h.Advance(TimeSpan.FromMinutes(10));
        Assert.Single(h.Sink.Attempts);
        Assert.Empty(h.Sink.Delivered);
        Assert.Equal(0, h.Store.Count);
    }

    [Fact]
    public async Task Opting_out_before_a_delayed_firing_is_honoured_at_decision_time()
    {
        var h = new Harness(o => o.Add(Playbooks.AbandonedCart()));
        await h.Ingest(Harness.Event("a1", "c1", "cart_add", h.Now));
        h.Consent.OptOut("c1", TriggerChannel.Push);
        await h.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(TriggerChannel.WeChat, Assert.Single(h.Sink.Delivered).Channel);
    }
}
