using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using RetailTagging.Lifecycle.Tests.Support;

namespace RetailTagging.Lifecycle.Tests.Properties;

public sealed class DeliveryLaws
{
    [Property(MaxTest = 200)]
    public Property No_firing_ever_reaches_an_opted_out_channel(int[] seeds, int[] optOutSeeds, bool flakySink, bool optOutDuringDelivery)
    {
        var time = new FakeTimeProvider(Harness.Start);
        var consent = new InMemoryConsentStore();
        var sink = new RecordingSink(time, consent) { FailuresBeforeSuccess = flakySink ? 1 : 0 };
        var scheduler = new TriggerScheduler(Scenario.Options(), sink, consent: consent, timeProvider: time);
        // A customer who opts out of the channel a (failing) attempt used: the retry must not reach it.
        if (optOutDuringDelivery) sink.OnAttempt = f => consent.OptOut(f.CustomerId, f.Channel);
        var events = Scenario.Events(seeds);
        // Opt-outs land between events (and so between decisions, retries and deliveries).
        var optOuts = optOutSeeds.Select(s => ((int)((uint)s % (uint)Math.Max(1, events.Count)), $"c{(uint)s / 7 % 3}", (TriggerChannel)((uint)s / 21 % 5))).ToList();
        Scenario.Feed(time, () => scheduler, events, i =>
        {
            foreach (var (at, customer, channel) in optOuts)
                if (at == i) consent.OptOut(customer, channel);
        }).GetAwaiter().GetResult();
        Scenario.AdvanceTo(time, scheduler, Scenario.End).GetAwaiter().GetResult();
        return (sink.ReachedOptedOutChannel.Count == 0).Label($"reached opted-out: {string.Join(", ", sink.ReachedOptedOutChannel.Select(f => $"{f.IdempotencyKey}@{f.Channel}"))}");
    }

    [Property(MaxTest = 150)]
    public Property Replaying_the_same_events_delivers_no_duplicate_keys(int[] seeds, bool flakySink, bool replayLate)
    {
        var time = new FakeTimeProvider(Harness.Start);
        var sink = new RecordingSink(time) { FailuresBeforeSuccess = flakySink ? 2 : 0 };
        var scheduler = new TriggerScheduler(Scenario.Options(), sink, timeProvider: time);
        var events = Scenario.Events(seeds);
        Scenario.Feed(time, () => scheduler, events).GetAwaiter().GetResult();
        if (replayLate) Scenario.AdvanceTo(time, scheduler, Scenario.End).GetAwaiter().GetResult();
        // The replay arrives with the original events' ids and instants, at the current clock.
        foreach (var e in events) scheduler.OnEventAsync(e).AsTask().GetAwaiter().GetResult();
        Scenario.AdvanceTo(time, scheduler, Scenario.End.AddDays(1)).GetAwaiter().GetResult();
        var keys = sink.Keys;
        return (keys.Count == keys.Distinct().Count()).Label($"keys: {string.Join(", ", keys)}");
    }

    [Property(MaxTest = 150)]
    public Property A_restart_from_the_timer_store_loses_no_pending_firing(int[] seeds, int crashSeed)
    {
        var events = Scenario.Events(seeds);

        // Reference: one scheduler throughout.
        var refTime = new FakeTimeProvider(Harness.Start);
        var refSink = new RecordingSink(refTime);
        var reference = new TriggerScheduler(Scenario.Options(), refSink, timeProvider: refTime);
        Scenario.Feed(refTime, () => reference, events).GetAwaiter().GetResult();
        Scenario.AdvanceTo(refTime, reference, Scenario.End).GetAwaiter().GetResult();

        // The same stream, with the process replaced (new scheduler, same store) before event k.
        var time = new FakeTimeProvider(Harness.Start);
        var store = new InMemoryTriggerTimerStore();
        var before = new RecordingSink(time);
        var after = new RecordingSink(time);
        var current = new TriggerScheduler(Scenario.Options(), before, store, timeProvider: time);
        var crashAt = events.Count == 0 ? 0 : (int)((uint)crashSeed % (uint)(events.Count + 1));
        Scenario.Feed(time, () => current, events, i =>
        {
            if (i == crashAt) current = new TriggerScheduler(Scenario.Options(), after, store, timeProvider: time);
        }).GetAwaiter().GetResult();
        if (crashAt == events.Count) current = new TriggerScheduler(Scenario.Options(), after, store, timeProvider: time);
        Scenario.AdvanceTo(time, current, Scenario.End).GetAwaiter().GetResult();

        var expected = refSink.Keys.Order(StringComparer.Ordinal).ToList();
        var actual = before.Keys.Concat(after.Keys).Order(StringComparer.Ordinal).ToList();
        return expected.SequenceEqual(actual).Label($"crash before event {crashAt}: expected [{string.Join(", ", expected)}] got [{string.Join(", ", actual)}]");
    }
}
