using System.Collections.Concurrent;
using RetailTagging.Engine.State;
using RetailTagging.Language;

namespace RetailTagging.Engine;

/// <summary>The outcome of ingesting one event.</summary>
/// <param name="Accepted">False when the event was rejected or was a duplicate.</param>
/// <param name="Reason">Why it was not accepted.</param>
/// <param name="Evaluation">The customer's new tags and changes, when the event was evaluated.</param>
public sealed record IngestResult(bool Accepted, string? Reason, TagEvaluation? Evaluation)
{
    /// <summary>True when the event id was seen before.</summary>
    public bool IsDuplicate => Reason == DuplicateReason;

    internal const string DuplicateReason = "duplicate event id";
}

/// <summary>
/// Keeps per-customer state and updates tags event by event: a new event re-evaluates the
/// customer's tags, duplicates are ignored, out-of-order events give the same tags as in-order
/// ones, and <see cref="AdvanceTo"/> fires time-driven changes (windows sliding, TTLs lapsing,
/// calendar days turning) at the instant they happen. State per customer keeps only the events
/// the catalog's windows and time-to-live horizon still need. Thread-safe.
/// </summary>
public sealed class IncrementalTagger
{
    private readonly TagEngine _engine;
    private readonly ConcurrentDictionary<string, CustomerState> _customers = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _due = new();
    private readonly Lock _dueLock = new();
    private readonly StringTable _strings = new();

    internal IncrementalTagger(TagEngine engine) => _engine = engine;

    private sealed class CustomerState(Customer customer)
    {
        public readonly Lock Gate = new();
        public Customer Customer = customer;
        // Compact events; duplicates are found by scanning their ids rather than in a separate set of ids.
        public readonly EventLog Events = new();
        // Created on the first manual decision: most customers never get one.
        public List<ManualTagDecision>? Manual;

        // The current tags in the engine's compact encoding (about 12 bytes per held tag) rather than
        // the TagSet handed to callers, whose assignment objects would be most of the state.
        public HeldTags? Held;
        public DateTimeOffset TagsAsOf;

        public TagSet? Tags => Held is null ? null : new TagSet(Customer.Id, TagsAsOf, Held);
        // Every tag's effective value, kept only where selective re-evaluation can use it (a
        // catalog without time-to-live tags): a value per tag is most of a customer's state.
        public Value[]? Effective;
        public DateTimeOffset? Due;

        // The earliest instant the due queue holds for this customer (guarded by the queue's lock).
        // Only an earlier Due is queued: when that entry comes up, a later Due is queued then, so
        // the queue does not collect a stale entry each time an event moves Due later.
        public DateTimeOffset? Queued;
    }

    /// <summary>Number of customers with state.</summary>
    public int CustomerCount => _customers.Count;

    /// <summary>The customer's current tags, or null when the customer is unknown.</summary>
    public TagSet? GetTags(string customerId)
    {
        if (!_customers.TryGetValue(customerId, out var state)) return null;
        // Under the customer's lock: the tags and their instant are updated together.
        lock (state.Gate) return state.Tags;
    }

    /// <summary>The earliest instant at which some customer's tags change with no new events.</summary>
    public DateTimeOffset? NextDueAt
    {
        get
        {
            lock (_dueLock)
            {
                while (_due.TryPeek(out var id, out var at))
                {
                    _customers.TryGetValue(id, out var state);
                    if (state is not null && state.Due == at) return at;
                    _due.Dequeue();
                    // This customer's earliest entry, for a Due that has since moved later: queue that.
                    if (state is not null && state.Queued == at) Requeue(state);
                }
                return null;
            }
        }
    }

    /// <summary>Adds or replaces a customer's attributes and re-evaluates their tags.</summary>
    public TagEvaluation UpsertCustomer(Customer customer, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var state = _customers.GetOrAdd(customer.Id, _ => new CustomerState(customer));
        lock (state.Gate)
        {
            state.Customer = customer;
            return Reevaluate(state, now ?? _engine.TimeProvider.GetUtcNow());
        }
    }

    /// <summary>Records a manual decision (assign, remove, review steps) and re-evaluates the customer.</summary>
    public TagEvaluation ApplyManualDecision(ManualTagDecision decision, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (_engine.Catalog.FindTag(decision.Tag) is null) throw new ArgumentException($"The catalog has no tag '{decision.Tag}'.", nameof(decision));
        var state = _customers.GetOrAdd(decision.CustomerId, id => new CustomerState(new Customer(id)));
        lock (state.Gate)
        {
            // A later step of the same decision (approval, withdrawal) replaces the earlier one.
            state.Manual ??= [];
            state.Manual.RemoveAll(d => d.Tag == decision.Tag && d.DecidedAt == decision.DecidedAt && d.DecidedBy == decision.DecidedBy);
            state.Manual.Add(decision);
            return Reevaluate(state, now ?? _engine.TimeProvider.GetUtcNow());
        }
    }

    /// <summary>Ingests one event: rejected with a reason when invalid, ignored when a duplicate, otherwise evaluated.</summary>
    public IngestResult Ingest(CustomerEvent e, DateTimeOffset? now = null)
    {
        var reasons = EventValidator.Validate(e, _engine.Catalog.Schema);
        if (reasons.Count > 0) return new IngestResult(false, string.Join("; ", reasons), null);
        var instant = now ?? _engine.TimeProvider.GetUtcNow();
        var state = _customers.GetOrAdd(e.CustomerId, id => new CustomerState(new Customer(id)));
        lock (state.Gate)
        {
            if (state.Events.Holds(e.Id)) return new IngestResult(false, IngestResult.DuplicateReason, null);
            // Events the catalog never reads, or too old to reach any window, change nothing.
            if (!_engine.Time.Reads(e.Type) || e.At <= RetentionCutoff(e.Type, instant))
                return new IngestResult(true, null, null);
            state.Events.Add(new LoggedEvent(e, _strings));
            Prune(state, instant);
            // Only the tags this event's type can affect are re-evaluated, unless time-driven
            // changes are due too, which need every tag.
            var only = state.Held is not null && (state.Due is null || state.Due > instant) && !_engine.Time.HasTimeToLive ? _engine.AffectedBy(e.Type) : null;
            return new IngestResult(true, null, Reevaluate(state, instant, only));
        }
    }

    /// <summary>
    /// Fires every time-driven change due up to <paramref name="now"/>, each at the instant it
    /// happens, and returns the evaluations that changed something.
    /// </summary>
    public IReadOnlyList<TagEvaluation> AdvanceTo(DateTimeOffset now)
    {
        var changed = new List<TagEvaluation>();
        while (true)
        {
            string id;
            DateTimeOffset at;
            lock (_dueLock)
            {
                if (!_due.TryPeek(out id!, out at) || at > now) break;
                _due.Dequeue();
                if (_customers.TryGetValue(id, out var popped) && popped.Queued == at) popped.Queued = null;
            }
            if (!_customers.TryGetValue(id, out var state)) continue;
            lock (state.Gate)
            {
                if (state.Due != at)
                {
                    // A stale entry, or this customer's earliest one for a Due that moved later.
                    Schedule(state);
                    continue;
                }
                var evaluation = Reevaluate(state, at);
                if (evaluation.Changes.Count > 0) changed.Add(evaluation);
            }
        }
        return changed;
    }

    /// <summary>
    /// Runs until cancelled, firing time-driven changes when they fall due on the engine's
    /// <see cref="TimeProvider"/>, and passes each evaluation with changes to <paramref name="onChanges"/>.
    /// </summary>
    public async Task RunAsync(Func<TagEvaluation, CancellationToken, ValueTask> onChanges, TimeSpan idlePoll, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onChanges);
        var clock = _engine.TimeProvider;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            foreach (var evaluation in AdvanceTo(now)) await onChanges(evaluation, cancellationToken).ConfigureAwait(false);
            var next = NextDueAt;
            var wait = next is { } due ? due - clock.GetUtcNow() : idlePoll;
            // New events may bring the next due instant forward: never sleep longer than the poll interval.
            if (wait > idlePoll) wait = idlePoll;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private TagEvaluation Reevaluate(CustomerState state, DateTimeOffset now, bool[]? only = null)
    {
        // With time-to-live tags every evaluation replays the horizon and evaluates every tag, so
        // there is nothing to keep; otherwise unaffected tags keep their previous effective values.
        if (!_engine.Time.HasTimeToLive && state.Effective?.Length != _engine.Catalog.Tags.Count) state.Effective = new Value[_engine.Catalog.Tags.Count];
        if (only is not null && state.Effective is null) only = null;
        var events = state.Events.ToEvents(state.Customer.Id, _strings);
        var evaluation = _engine.EvaluateInternal(state.Customer, events, now, state.Tags, state.Manual, state.Effective, only);
        state.Held = evaluation.Tags.Held;
        state.TagsAsOf = evaluation.Tags.AsOf;
        SetDue(state, evaluation.NextChangeAt);
        return evaluation;
    }

    /// <summary>
    /// Sets the customer's Due and queues it. Due is written under both the customer's lock (callers hold it)
    /// and the queue's lock, so readers holding either see a whole value: the queue reads it without the
    /// customer's lock.
    /// </summary>
    private void SetDue(CustomerState state, DateTimeOffset? due)
    {
        lock (_dueLock)
        {
            state.Due = due;
            QueueIfEarlier(state);
        }
    }

    /// <summary>Queues the customer's Due unless an entry at or before it is queued already.</summary>
    private void Schedule(CustomerState state)
    {
        lock (_dueLock) QueueIfEarlier(state);
    }

    private void QueueIfEarlier(CustomerState state)
    {
        if (state.Due is { } due && (state.Queued is not { } queued || due < queued)) Enqueue(state, due);
    }

    /// <summary>With the queue's lock held and the customer's earliest entry just removed: queues its Due.</summary>
    private void Requeue(CustomerState state)
    {
        state.Queued = null;
        if (state.Due is { } due) Enqueue(state, due);
    }

    private void Enqueue(CustomerState state, DateTimeOffset due)
    {
        _due.Enqueue(state.Customer.Id, due);
        state.Queued = due;
    }

    private DateTimeOffset RetentionCutoff(string eventType, DateTimeOffset now)
    {
        var time = _engine.Time;
        if (time.UnwindowedTypes.Contains(eventType)) return DateTimeOffset.MinValue;
        return now - time.MaxWindow - time.Horizon;
    }

    private void Prune(CustomerState state, DateTimeOffset now)
    {
        state.Events.RemoveWhere(e => e.At <= RetentionCutoff(_strings[e.Type]!, now));
    }

    /// <summary>Entries in the due queue, stale ones included (for tests: it must not grow with every event).</summary>
    internal int QueuedEntryCount
    {
        get { lock (_dueLock) return _due.Count; }
    }

    /// <summary>Events held in state over all customers (for sizing).</summary>
    public long RetainedEventCount => _customers.Values.Sum(s => (long)s.Events.Count);
}
