namespace RetailTagging.Lifecycle;

public sealed partial class TriggerScheduler
{
    // Applies the policies to firings that fall due together, highest priority first per customer,
    // so the frequency cap admits the most important ones; ties go to the earlier cause. Order: consent, quiet hours, cooldown, cap.
    private void Decide(List<Candidate> candidates, DateTimeOffset now, List<TriggerDecision> decisions, ref List<Delivery>? deliveries)
    {
        if (candidates.Count > 1)
            candidates.Sort(static (a, b) =>
            {
                var byCustomer = string.CompareOrdinal(a.CustomerId, b.CustomerId);
                if (byCustomer != 0) return byCustomer;
                var byPriority = b.Definition.Priority.CompareTo(a.Definition.Priority);
                if (byPriority != 0) return byPriority;
                var byTrigger = string.CompareOrdinal(a.Definition.Id, b.Definition.Id);
                if (byTrigger != 0) return byTrigger;
                // Then the earlier cause: the order never depends on how the timer store returned them.
                var byCause = a.CausedAt.CompareTo(b.CausedAt);
                return byCause != 0 ? byCause : TimerCause.CompareOrdinal(a.Cause, b.Cause);
            });
        foreach (var candidate in candidates)
        {
            var definition = candidate.Definition;
            var key = candidate.Key;
            if (!TryChooseChannel(definition, candidate.CustomerId, out var channel))
            {
                Suppress(candidate, key, now, "opted out of every channel", decisions);
                continue;
            }
            if (definition.RespectsQuietHours && _options.QuietHours?.EndOfQuietPeriod(now, _options.TimeZone) is { } end)
            {
                var deferred = new TriggerTimer(definition.Id, candidate.CustomerId, candidate.Cause, candidate.CausedAt.UtcTicks, end.UtcTicks, TimerStage.Deferred,
                    anchorDay: candidate.Timer?.AnchorDay ?? 0);
                _store.Upsert(deferred);
                decisions.Add(new TriggerDecision(definition.Id, candidate.CustomerId, key, TriggerOutcome.Deferred, end, "quiet hours"));
                continue;
            }
            if (InCooldown(candidate.CustomerId, definition.Id, definition.Cooldown ?? _options.DefaultCooldown, now))
            {
                Suppress(candidate, key, now, "cooldown", decisions);
                continue;
            }
            if (definition.IsMarketing && _options.FrequencyCap is { } cap && _policies.CountTouches(candidate.CustomerId, now - cap.Window) >= cap.MaxTouches)
            {
                Suppress(candidate, key, now, "frequency cap", decisions);
                continue;
            }
            var firing = new TriggerFiring(key, definition.Id, candidate.CustomerId, definition.Action, channel, definition.Priority,
                candidate.CausedAt, now, 1, definition.Properties);
            // The lease first: a crash before the policy memory is written can only decide a replayed
            // cause again (same key), never lose the firing.
            (deliveries ??= Scratch<Delivery>.Rent()).Add(new Delivery(firing, Lease(firing, candidate.Cause, now)));
            _policies.RecordDelivery(candidate.CustomerId, definition.Id, definition.IsMarketing, now);
            MarkDecided(key, now);
            RearmDate(candidate);
        }
    }

    private void Suppress(Candidate candidate, string key, DateTimeOffset now, string reason, List<TriggerDecision> decisions)
    {
        MarkDecided(key, now);
        if (candidate.Timer is { } timer) _store.Remove(timer);
        decisions.Add(new TriggerDecision(candidate.Definition.Id, candidate.CustomerId, key, TriggerOutcome.Suppressed, now, reason));
        RearmDate(candidate);
    }

    private void MarkDecided(string key, DateTimeOffset now) => _policies.MarkDecided(key, now + _options.KeyRetention);

    private bool InCooldown(string customerId, string triggerId, TimeSpan cooldown, DateTimeOffset now) =>
        cooldown > TimeSpan.Zero && _policies.LastDelivery(customerId, triggerId) is { } last && now - last < cooldown;

    // The policy memory forgets expired keys and touches outside the cap window, at most once an hour.
    private void PruneIfDue(DateTimeOffset now)
    {
        if (now.UtcTicks - Interlocked.Read(ref _prunedAtTicks) < TimeSpan.TicksPerHour) return;
        Interlocked.Exchange(ref _prunedAtTicks, now.UtcTicks);
        _policies.Prune(now, now - (_options.FrequencyCap?.Window ?? TimeSpan.Zero));
    }

    private long _prunedAtTicks = long.MinValue / 2;

    // A date trigger's occurrence is done: set next year's.
    private void RearmDate(Candidate candidate)
    {
        if (candidate.Timer?.Anchor is { } anchor && candidate.Definition.Source is DateTriggerSource source)
            ArmDate(candidate.Definition, source, candidate.CustomerId, anchor, candidate.CausedAt, []);
    }

    private bool TryChooseChannel(TriggerDefinition definition, string customerId, out TriggerChannel channel)
    {
        foreach (var c in definition.Channels)
        {
            if (_consent.IsOptedOut(customerId, c)) continue;
            channel = c;
            return true;
        }
        channel = default;
        return false;
    }

    // The delivery's lease: a retry timer written before the sink is called and removed when it
    // returns, so a crash mid-delivery becomes a retry. It replaces the timer the firing came from.
    private TriggerTimer Lease(TriggerFiring firing, TimerCause cause, DateTimeOffset now)
    {
        var lease = new TriggerTimer(firing.TriggerId, firing.CustomerId, cause, firing.CausedAt.UtcTicks,
            (now + _options.Delivery.BackoffAfter(firing.Attempt)).UtcTicks, TimerStage.Retry, firing.Attempt + 1, firing.Channel);
        _store.Upsert(lease);
        return lease;
    }
}
