using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using RetailTagging.Lifecycle.Tests.Support;

namespace RetailTagging.Lifecycle.Tests.Policies;

/// <summary>The policy memory behind <see cref="ITriggerPolicyStore"/>: a restart over the same store keeps cooldowns, caps and decided keys.</summary>
public sealed class PolicyStoreTests
{
    private static readonly DateTimeOffset T0 = Harness.Start;

    private static TriggerScheduler Scheduler(FakeTimeProvider time, RecordingSink sink, ITriggerTimerStore timers, ITriggerPolicyStore policies, params TriggerDefinition[] triggers) =>
        new(new LifecycleOptions { FrequencyCap = new FrequencyCap(2, TimeSpan.FromDays(7)) }.Add(triggers), sink, timers, timeProvider: time, policies: policies);

    [Fact]
    public async Task A_restart_over_the_same_policy_store_keeps_cooldowns_caps_and_decided_keys()
    {
        var time = new FakeTimeProvider(T0);
        var timers = new InMemoryTriggerTimerStore();
        var policies = new InMemoryTriggerPolicyStore();
        var browse = Trigger.OnEvent("browse", "page_view").WithCooldown(TimeSpan.FromDays(1));
        var cart = Trigger.OnEvent("cart", "cart_add");
        var first = new RecordingSink(time);
        var before = Scheduler(time, first, timers, policies, browse, cart);
        await before.OnEventAsync(Harness.Event("v1", "c1", "page_view", T0));
        await before.OnEventAsync(Harness.Event("a1", "c2", "cart_add", T0));
        await before.OnEventAsync(Harness.Event("a2", "c2", "cart_add", T0));

        var second = new RecordingSink(time);
        var after = Scheduler(time, second, timers, policies, browse, cart);
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal("cooldown", (await after.OnEventAsync(Harness.Event("v2", "c1", "page_view", time.GetUtcNow())))[0].Reason);
        Assert.Equal("frequency cap", (await after.OnEventAsync(Harness.Event("a3", "c2", "cart_add", time.GetUtcNow())))[0].Reason);
        Assert.Equal(TriggerOutcome.Duplicate, (await after.OnEventAsync(Harness.Event("v1", "c1", "page_view", T0)))[0].Outcome);
        Assert.Empty(second.Delivered);
    }

    [Fact]
    public async Task A_fresh_in_memory_policy_store_forgets_them_which_is_why_a_durable_one_exists()
    {
        var time = new FakeTimeProvider(T0);
        var timers = new InMemoryTriggerTimerStore();
        var browse = Trigger.OnEvent("browse", "page_view").WithCooldown(TimeSpan.FromDays(1));
        await Scheduler(time, new RecordingSink(time), timers, new InMemoryTriggerPolicyStore(), browse).OnEventAsync(Harness.Event("v1", "c1", "page_view", T0));
        var sink = new RecordingSink(time);
        var after = Scheduler(time, sink, timers, new InMemoryTriggerPolicyStore(), browse);
        await after.OnEventAsync(Harness.Event("v1", "c1", "page_view", T0));
        // The same key again: an idempotent sink still acts once, but the scheduler cannot tell.
        Assert.Equal(["browse|c1|event:v1"], sink.Keys);
    }

    [Fact]
    public void Decided_keys_expire_and_touches_leave_with_prune()
    {
        var store = new InMemoryTriggerPolicyStore();
        store.MarkDecided("k", T0.AddDays(1));
        Assert.True(store.IsDecided("k", T0));
        Assert.False(store.IsDecided("k", T0.AddDays(1)));
        store.MarkDecided("k", T0.AddDays(3));
        store.Prune(T0.AddDays(2), T0);
        Assert.True(store.IsDecided("k", T0.AddDays(2)));
        store.Prune(T0.AddDays(3), T0);
        Assert.Equal(0, store.DecidedKeyCount);

        store.RecordDelivery("c1", "a", marketing: true, T0);
        store.RecordDelivery("c1", "b", marketing: true, T0.AddDays(2));
        store.RecordDelivery("c1", "svc", marketing: false, T0.AddDays(2));
        Assert.Equal(2, store.CountTouches("c1", T0.AddTicks(-1)));
        Assert.Equal(1, store.CountTouches("c1", T0));
        Assert.Equal(T0.AddDays(2), store.LastDelivery("c1", "svc"));
        store.Prune(T0.AddDays(9), T0.AddDays(2));
        Assert.Equal(0, store.CountTouches("c1", DateTimeOffset.MinValue));
        Assert.Equal(T0, store.LastDelivery("c1", "a"));
        Assert.Null(store.LastDelivery("c2", "a"));
    }

    [Fact]
    public async Task The_scheduler_prunes_the_policy_store_as_its_clock_moves()
    {
        var time = new FakeTimeProvider(T0);
        var policies = new InMemoryTriggerPolicyStore();
        var options = new LifecycleOptions { KeyRetention = TimeSpan.FromDays(2) }.Add(Trigger.OnEvent("t", "sign_up"));
        var scheduler = new TriggerScheduler(options, new RecordingSink(time), timeProvider: time, policies: policies);
        await scheduler.OnEventAsync(Harness.Event("s", "c1", "sign_up", T0));
        Assert.Equal(1, policies.DecidedKeyCount);
        time.Advance(TimeSpan.FromDays(3));
        await scheduler.AdvanceAsync();
        Assert.Equal(0, policies.DecidedKeyCount);
    }

    /// <summary>
    /// A process replaced before event k, over the same timer and policy stores, that then replays every
    /// event it had seen (a host re-reading its log from the last checkpoint) delivers exactly the keys an
    /// uninterrupted run delivers: none lost, none twice.
    /// </summary>
    [Property(MaxTest = 150)]
    public Property A_restart_from_the_stores_with_a_replay_loses_nothing_and_duplicates_nothing(int[] seeds, int crashSeed, bool capped)
    {
        var events = Properties.Scenario.Events(seeds);
        LifecycleOptions Options()
        {
            var options = Properties.Scenario.Options();
            if (capped) options.FrequencyCap = new FrequencyCap(2, TimeSpan.FromHours(12));
            return options;
        }

        var refTime = new FakeTimeProvider(T0);
        var refSink = new RecordingSink(refTime);
        var reference = new TriggerScheduler(Options(), refSink, timeProvider: refTime);
        Properties.Scenario.Feed(refTime, () => reference, events).GetAwaiter().GetResult();
        Properties.Scenario.AdvanceTo(refTime, reference, Properties.Scenario.End).GetAwaiter().GetResult();

        var time = new FakeTimeProvider(T0);
        var timers = new InMemoryTriggerTimerStore();
        var policies = new InMemoryTriggerPolicyStore();
        var sink = new RecordingSink(time);
        var current = new TriggerScheduler(Options(), sink, timers, timeProvider: time, policies: policies);
        var crashAt = (int)((uint)crashSeed % (uint)(events.Count + 1));
        Properties.Scenario.Feed(time, () => current, events, i =>
        {
            if (i != crashAt) return;
            current = new TriggerScheduler(Options(), sink, timers, timeProvider: time, policies: policies);
            foreach (var seen in events.Take(i)) current.OnEventAsync(seen).AsTask().GetAwaiter().GetResult();
        }).GetAwaiter().GetResult();
        Properties.Scenario.AdvanceTo(time, current, Properties.Scenario.End).GetAwaiter().GetResult();

        var expected = refSink.Keys.Order(StringComparer.Ordinal).ToList();
        var actual = sink.Keys.Order(StringComparer.Ordinal).ToList();
        return expected.SequenceEqual(actual).Label($"capped {capped}, events {string.Join("; ", events.Select(e => $"{e.Id} {e.CustomerId} {e.Type} {e.At:HH:mm}"))}, crash before event {crashAt}: expected [{string.Join(", ", expected)}] got [{string.Join(", ", actual)}]");
    }
}
