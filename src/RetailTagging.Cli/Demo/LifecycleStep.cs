using RetailTagging.Engine;
using RetailTagging.Lifecycle;
using RetailTagging.Synthetic;

namespace RetailTagging.Cli.Demo;

/// <summary>
/// Replays one chunk's recent past through a <see cref="TriggerScheduler"/> on a hand-moved clock: the events of the
/// window in time order, the tag changes of each weekly run at the run's instant, and the birthday timers, so the
/// triggers fire (or are cancelled, deferred by quiet hours, suppressed by consent and caps) as they would have live.
/// Customers never share trigger state, so chunks are independent. What is still pending at the as-of instant stays
/// as timers.
/// </summary>
internal sealed class LifecycleStep(LifecycleOptions options, DateTimeOffset windowStart, DateTimeOffset asOf)
{
    public async Task<ChunkTriggers> RunAsync(SyntheticCustomer[] chunk, IReadOnlyList<DateTimeOffset> runs, IReadOnlyList<TagChange>[] changesByRun,
        CancellationToken cancellationToken)
    {
        var clock = new ManualClock(windowStart);
        var sink = new CollectingSink();
        var consent = new InMemoryConsentStore();
        var timers = new InMemoryTriggerTimerStore();
        var scheduler = new TriggerScheduler(options, sink, timers, consent, timeProvider: clock);
        var decisions = new List<TriggerDecision>();
        foreach (var customer in chunk)
        {
            if (customer.Customer.Attributes.GetValueOrDefault("marketing_opt_in") is false)
                foreach (var channel in DemoTriggers.MarketingChannels)
                    consent.OptOut(customer.Customer.Id, channel);
            decisions.AddRange(scheduler.ScheduleDates(customer.Customer));
        }

        foreach (var step in Timeline(chunk, runs, changesByRun))
        {
            cancellationToken.ThrowIfCancellationRequested();
            clock.AdvanceTo(step.At);
            decisions.AddRange(await scheduler.AdvanceAsync(cancellationToken).ConfigureAwait(false));
            if (step.Event is { } e)
                decisions.AddRange(await scheduler.OnEventAsync(e, step.Customer!.Customer, step.Customer.Events, cancellationToken).ConfigureAwait(false));
            else
                decisions.AddRange(await scheduler.OnTagChangesAsync(step.Changes!, cancellationToken).ConfigureAwait(false));
        }
        clock.AdvanceTo(asOf);
        decisions.AddRange(await scheduler.AdvanceAsync(cancellationToken).ConfigureAwait(false));
        return new ChunkTriggers(decisions, sink.Firings, timers.GetDue(DateTimeOffset.MaxValue, int.MaxValue));
    }

    // The window's events and the runs' tag changes (the first run is the initial load: it triggers nothing), by time.
    private IEnumerable<TimelineStep> Timeline(SyntheticCustomer[] chunk, IReadOnlyList<DateTimeOffset> runs, IReadOnlyList<TagChange>[] changesByRun)
    {
        var steps = new List<TimelineStep>();
        foreach (var customer in chunk)
            foreach (var e in customer.Events)
                if (e.At > windowStart && e.At <= asOf)
                    steps.Add(new TimelineStep(e.At, customer, e, null));
        for (var run = 1; run < runs.Count; run++)
            if (runs[run] > windowStart && changesByRun[run].Count > 0)
                steps.Add(new TimelineStep(runs[run], null, null, changesByRun[run]));
        // Stable order: by instant, tag changes after the events of the same instant, then by event id.
        return steps.OrderBy(s => s.At.UtcTicks).ThenBy(s => s.Event is null ? 1 : 0).ThenBy(s => s.Event?.Id, StringComparer.Ordinal);
    }

    private sealed record TimelineStep(DateTimeOffset At, SyntheticCustomer? Customer, CustomerEvent? Event, IReadOnlyList<TagChange>? Changes);

    /// <summary>The demo's delivery target: firings are kept for the outbox (a host would send the coupon here).</summary>
    private sealed class CollectingSink : ITriggerSink
    {
        public List<TriggerFiring> Firings { get; } = [];

        public ValueTask DeliverAsync(TriggerFiring firing, CancellationToken cancellationToken)
        {
            Firings.Add(firing);
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>One chunk's lifecycle outcome: every decision, the delivered firings and the timers still pending at the as-of instant.</summary>
internal sealed record ChunkTriggers(IReadOnlyList<TriggerDecision> Decisions, IReadOnlyList<TriggerFiring> Firings, IReadOnlyList<TriggerTimer> PendingTimers);
