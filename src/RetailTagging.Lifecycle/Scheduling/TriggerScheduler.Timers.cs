namespace RetailTagging.Lifecycle;

public sealed partial class TriggerScheduler
{
    /// <summary>
    /// Fires every timer due at the clock's current instant: decides delayed and deferred firings,
    /// retries failed deliveries and sets next year's date timers. One sweep runs at a time.
    /// </summary>
    public async ValueTask<IReadOnlyList<TriggerDecision>> AdvanceAsync(CancellationToken cancellationToken = default)
    {
        var decisions = new List<TriggerDecision>();
        await _sweep.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var now = _time.GetUtcNow();
                IReadOnlyList<TriggerTimer> due;
                List<Delivery>? deliveries = null;
                // Every stripe: no event may cancel a timer between taking it and deciding it.
                using (new AllStripes(_stripes))
                {
                    due = _store.GetDue(now, _options.SweepBatchSize);
                    var candidates = new List<Candidate>();
                    foreach (var timer in due)
                    {
                        if (!_definitions.TryGetValue(timer.TriggerId, out var definition))
                        {
                            // A trigger removed from the configuration: its timers are dropped, not fired.
                            _store.Remove(timer);
                            decisions.Add(new TriggerDecision(timer.TriggerId, timer.CustomerId, timer.IdempotencyKey, TriggerOutcome.Suppressed, now, "unknown trigger"));
                        }
                        else if (timer.Stage == TimerStage.Retry) PrepareRetry(definition, timer, now, decisions, ref deliveries);
                        else candidates.Add(new Candidate(definition, timer.CustomerId, timer.Cause, timer.CausedAt, timer.IdempotencyKey, timer));
                    }
                    if (candidates.Count > 0) Decide(candidates, now, decisions, ref deliveries);
                }
                if (deliveries is not null) await DeliverAsync(deliveries, decisions, cancellationToken).ConfigureAwait(false);
                if (due.Count < _options.SweepBatchSize) break;
            }
            PruneIfDue(_time.GetUtcNow());
        }
        finally
        {
            _sweep.Release();
        }
        return decisions;
    }

    /// <summary>
    /// Runs until cancelled, sweeping whenever a timer falls due on the <see cref="TimeProvider"/>
    /// and at least every <paramref name="idlePoll"/> (timers added meanwhile may be earlier).
    /// </summary>
    public async Task RunAsync(TimeSpan idlePoll, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idlePoll, TimeSpan.Zero);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await AdvanceAsync(cancellationToken).ConfigureAwait(false);
                var wait = NextDueAt is { } next ? next - _time.GetUtcNow() : idlePoll;
                if (wait > idlePoll) wait = idlePoll;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the expected way out; pending timers stay in the store.
        }
    }

    // Holds every stripe, entered in order (a thread holding one stripe never takes another, so no deadlock).
    private readonly ref struct AllStripes
    {
        private readonly Lock[] _locks;

        public AllStripes(Lock[] locks)
        {
            _locks = locks;
            foreach (var stripe in locks) stripe.Enter();
        }

        public void Dispose()
        {
            for (var i = _locks.Length - 1; i >= 0; i--) _locks[i].Exit();
        }
    }

    private void PrepareRetry(TriggerDefinition definition, TriggerTimer timer, DateTimeOffset now, List<TriggerDecision> decisions, ref List<Delivery>? deliveries)
    {
        var key = timer.IdempotencyKey;
        // Consent may have been withdrawn since the decision: never deliver to an opted-out channel.
        if (_consent.IsOptedOut(timer.CustomerId, timer.Channel))
        {
            _store.Remove(timer);
            decisions.Add(new TriggerDecision(definition.Id, timer.CustomerId, key, TriggerOutcome.Suppressed, now, "opted out before retry", timer.Channel));
            return;
        }
        if (timer.Attempt > _options.Delivery.MaxAttempts)
        {
            // The last attempt's outcome was never recorded (a crash during it).
            _store.Remove(timer);
            var lost = Firing(definition, timer, now, _options.Delivery.MaxAttempts);
            _deadLetters.Add(new DeadLetter(lost, "no outcome recorded for the last attempt", now));
            decisions.Add(new TriggerDecision(definition.Id, timer.CustomerId, key, TriggerOutcome.DeadLettered, now, "no outcome recorded for the last attempt", timer.Channel));
            return;
        }
        if (definition.RespectsQuietHours && _options.QuietHours?.EndOfQuietPeriod(now, _options.TimeZone) is { } end)
        {
            _store.Upsert(new TriggerTimer(timer.TriggerId, timer.CustomerId, timer.CauseId, timer.CausedAt, end, TimerStage.Retry, timer.Attempt, timer.Channel));
            decisions.Add(new TriggerDecision(definition.Id, timer.CustomerId, key, TriggerOutcome.Deferred, end, "quiet hours", timer.Channel));
            return;
        }
        var firing = Firing(definition, timer, now, timer.Attempt);
        (deliveries ??= []).Add(new Delivery(firing, Lease(firing, timer.Cause, now)));
    }

    private static TriggerFiring Firing(TriggerDefinition definition, TriggerTimer timer, DateTimeOffset now, int attempt) =>
        new(timer.IdempotencyKey, definition.Id, timer.CustomerId, definition.Action, timer.Channel, definition.Priority, timer.CausedAt, now, attempt, definition.Properties);
}
