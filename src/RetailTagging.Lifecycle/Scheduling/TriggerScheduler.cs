using Microsoft.Extensions.Logging;
using RetailTagging.Engine;

namespace RetailTagging.Lifecycle;

/// <summary>
/// Decides trigger firings from events, tag changes and dates, holds delayed ones as timers in an
/// <see cref="ITriggerTimerStore"/>, applies the policies (consent, quiet hours, cooldown, frequency
/// cap, priority) and delivers to the host's <see cref="ITriggerSink"/> at least once.
/// </summary>
/// <remarks>
/// Every delivery is first written to the store as a retry timer (a lease) and removed only after
/// the sink returns, so a crash mid-delivery leads to a retry, not a loss. Decisions for one customer
/// run under that customer's lock stripe (customers on other stripes proceed in parallel; a timer
/// sweep holds every stripe); sink calls run outside them. Thread-safe.
/// </remarks>
public sealed partial class TriggerScheduler
{
    private readonly Dictionary<string, TriggerDefinition> _definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TriggerDefinition[]> _byEventType = new(StringComparer.Ordinal);
    private readonly HashSet<string> _historyTypes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _cancelTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TriggerDefinition[]> _byTag = new(StringComparer.Ordinal);
    private readonly TriggerDefinition[] _dateDefinitions;
    private readonly ITriggerSink _sink;
    private readonly ITriggerTimerStore _store;
    private readonly IConsentStore _consent;
    private readonly IDeadLetterStore _deadLetters;
    private readonly TimeProvider _time;
    private readonly LifecycleOptions _options;
    private readonly ILogger? _logger;
    private readonly ITriggerPolicyStore _policies;
    // Decisions for one customer are serialised on the customer's stripe; different customers proceed in parallel.
    private readonly Lock[] _stripes = [.. Enumerable.Range(0, 32).Select(_ => new Lock())];
    private readonly SemaphoreSlim _sweep = new(1, 1);

    /// <summary>Creates a scheduler; the options are validated and their triggers indexed.</summary>
    /// <param name="options">Triggers and policies.</param>
    /// <param name="sink">Where firings go.</param>
    /// <param name="store">Pending timers; in memory when null.</param>
    /// <param name="consent">Opt-outs per channel; in memory when null.</param>
    /// <param name="deadLetters">Firings that failed every attempt; in memory when null.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <param name="logger">Logs retries and dead letters.</param>
    /// <param name="policies">Decided keys, cooldowns and cap touches; in memory when null (lost on restart).</param>
    public TriggerScheduler(LifecycleOptions options, ITriggerSink sink, ITriggerTimerStore? store = null, IConsentStore? consent = null,
        IDeadLetterStore? deadLetters = null, TimeProvider? timeProvider = null, ILogger<TriggerScheduler>? logger = null,
        ITriggerPolicyStore? policies = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        options.Validate();
        _options = options;
        _sink = sink;
        _store = store ?? new InMemoryTriggerTimerStore();
        _consent = consent ?? new InMemoryConsentStore();
        _deadLetters = deadLetters ?? new InMemoryDeadLetterStore();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger;
        _policies = policies ?? new InMemoryTriggerPolicyStore();
        foreach (var definition in options.Triggers)
        {
            _definitions.Add(definition.Id, definition);
            if (definition.Unless is { } unless) _cancelTypes.Add(unless.Event.EventType);
        }
        Index(_byEventType, options.Triggers, d => d.Source is EventTriggerSource e ? e.Event.EventType : null);
        Index(_byTag, options.Triggers, d => d.Source is TagTriggerSource t ? t.Tag : null);
        foreach (var definition in options.Triggers)
            if (definition.Source is EventTriggerSource { When: not null } e) _historyTypes.Add(e.Event.EventType);
        _dateDefinitions = options.Triggers.Where(d => d.Source is DateTriggerSource).ToArray();
    }

    /// <summary>The timer store.</summary>
    public ITriggerTimerStore Timers => _store;

    /// <summary>The policy memory: decided keys, cooldowns, cap touches.</summary>
    public ITriggerPolicyStore Policies => _policies;

    /// <summary>The dead-letter store.</summary>
    public IDeadLetterStore DeadLetters => _deadLetters;

    /// <summary>The trigger definitions by id.</summary>
    public IReadOnlyDictionary<string, TriggerDefinition> Definitions => _definitions;

    /// <summary>When the next timer falls due, or null.</summary>
    public DateTimeOffset? NextDueAt => _store.NextDueAt;

    /// <summary>
    /// Reacts to one event: cancels pending firings whose cancel condition it meets, schedules
    /// delayed ones and decides and delivers immediate ones. A replayed event decides nothing new.
    /// </summary>
    /// <param name="e">The event.</param>
    /// <param name="customer">The customer, for filters reading <c>customer.*</c>; optional.</param>
    /// <param name="history">
    /// The customer's events (with or without <paramref name="e"/>); required when a trigger on this
    /// event type has a <c>when</c> condition.
    /// </param>
    /// <param name="cancellationToken">Cancels delivery; undelivered firings stay in the store for retry.</param>
    public async ValueTask<IReadOnlyList<TriggerDecision>> OnEventAsync(CustomerEvent e, Customer? customer = null,
        IReadOnlyList<CustomerEvent>? history = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentException.ThrowIfNullOrEmpty(e.CustomerId, nameof(e));
        if (customer is not null && !string.Equals(customer.Id, e.CustomerId, StringComparison.Ordinal))
            throw new ArgumentException($"The customer '{customer.Id}' is not the event's customer '{e.CustomerId}'.", nameof(customer));
        if (history is null && _historyTypes.Contains(e.Type))
            throw new ArgumentException($"A trigger on '{e.Type}' has a condition over the customer's history; pass the history.", nameof(history));
        var decisions = new List<TriggerDecision>();
        List<Delivery>? deliveries = null;
        var now = _time.GetUtcNow();
        lock (StripeOf(e.CustomerId))
        {
            if (_cancelTypes.Contains(e.Type)) CancelPending(e, customer, now, decisions);
            if (_byEventType.TryGetValue(e.Type, out var definitions))
            {
                List<Candidate>? immediate = null;
                var cause = TimerCause.OfEvent(e);
                foreach (var definition in definitions)
                {
                    var source = (EventTriggerSource)definition.Source;
                    if (!source.Event.Matches(e, customer)) continue;
                    if (source.When is { } when && !when.IsTrue(customer ?? new Customer(e.CustomerId), WithEvent(history!, e), e.At)) continue;
                    if (Schedule(definition, e.CustomerId, cause, e.At, now, decisions) is { } candidate) (immediate ??= Scratch<Candidate>.Rent()).Add(candidate);
                }
                if (immediate is not null) Decide(immediate, now, decisions, ref deliveries);
                Scratch<Candidate>.Return(immediate);
            }
        }
        if (deliveries is not null) await DeliverAsync(deliveries, decisions, cancellationToken).ConfigureAwait(false);
        Scratch<Delivery>.Return(deliveries);
        return decisions;
    }

    /// <summary>Reacts to the engine's tag changes (entered, exited, value changed), e.g. from <see cref="TagEvaluation.Changes"/>.</summary>
    public async ValueTask<IReadOnlyList<TriggerDecision>> OnTagChangesAsync(IEnumerable<TagChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var decisions = new List<TriggerDecision>();
        List<Delivery>? deliveries = null;
        var now = _time.GetUtcNow();
        // One customer at a time, under their stripe; a customer's changes are decided together (by priority).
        foreach (var customerChanges in changes.Where(c => c is not null && _byTag.ContainsKey(c.Tag)).GroupBy(c => c.CustomerId, StringComparer.Ordinal))
        {
            lock (StripeOf(customerChanges.Key))
            {
                List<Candidate>? immediate = null;
                foreach (var change in customerChanges)
                {
                    var transition = change.Kind switch
                    {
                        TagChangeKind.Added => TagTransition.Entered,
                        TagChangeKind.ValueChanged => TagTransition.Changed,
                        _ => TagTransition.Exited,
                    };
                    var cause = TimerCause.Parse(IdempotencyKeys.TagCause(change));
                    foreach (var definition in _byTag[change.Tag])
                        if (((TagTriggerSource)definition.Source).Transition == transition
                            && Schedule(definition, change.CustomerId, cause, change.At, now, decisions) is { } candidate)
                            (immediate ??= Scratch<Candidate>.Rent()).Add(candidate);
                }
                if (immediate is not null) Decide(immediate, now, decisions, ref deliveries);
                Scratch<Candidate>.Return(immediate);
            }
        }
        if (deliveries is not null) await DeliverAsync(deliveries, decisions, cancellationToken).ConfigureAwait(false);
        Scratch<Delivery>.Return(deliveries);
        return decisions;
    }

    /// <summary>
    /// Sets (or moves, or clears) the customer's date-trigger timers from their current attributes:
    /// call it when a customer is added or their birth date changes. Each firing sets next year's.
    /// </summary>
    public IReadOnlyList<TriggerDecision> ScheduleDates(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var decisions = new List<TriggerDecision>();
        if (_dateDefinitions.Length == 0) return decisions;
        var now = _time.GetUtcNow();
        lock (StripeOf(customer.Id))
        {
            var pending = _store.ForCustomer(customer.Id);
            foreach (var definition in _dateDefinitions)
            {
                var source = (DateTriggerSource)definition.Source;
                var existing = pending.Where(t => t.TriggerId == definition.Id && t.Stage == TimerStage.Scheduled).ToList();
                foreach (var timer in existing) _store.Remove(timer);
                if (source.DateOf(customer, _options.TimeZone) is not { } date) continue;
                ArmDate(definition, source, customer.Id, date, now - definition.Delay, decisions);
            }
        }
        return decisions;
    }

    private Lock StripeOf(string customerId) => _stripes[(StringComparer.Ordinal.GetHashCode(customerId) & int.MaxValue) % _stripes.Length];

    // Delayed: a timer. Immediate: a candidate for Decide. Replayed: a Duplicate decision.
    private Candidate? Schedule(TriggerDefinition definition, string customerId, TimerCause cause, DateTimeOffset causedAt, DateTimeOffset now, List<TriggerDecision> decisions)
    {
        var key = cause.KeyFor(definition.Id, customerId);
        if (_policies.IsDecided(key, now))
        {
            decisions.Add(new TriggerDecision(definition.Id, customerId, key, TriggerOutcome.Duplicate, now, "already decided"));
            return null;
        }
        if (definition.Delay <= TimeSpan.Zero) return new Candidate(definition, customerId, cause, causedAt, key, null);
        var dueAt = causedAt + definition.Delay;
        _store.Upsert(new TriggerTimer(definition.Id, customerId, cause, causedAt.UtcTicks, dueAt.UtcTicks));
        decisions.Add(new TriggerDecision(definition.Id, customerId, key, TriggerOutcome.Scheduled, dueAt));
        return null;
    }

    private void ArmDate(TriggerDefinition definition, DateTriggerSource source, string customerId, DateOnly date, DateTimeOffset after, List<TriggerDecision> decisions)
    {
        var (at, year) = DateOccurrences.Next(date, source, _options.TimeZone, after);
        var now = _time.GetUtcNow();
        // An occurrence already decided (a re-upsert after it fired) moves on to the next year.
        while (_policies.IsDecided(IdempotencyKeys.For(definition.Id, customerId, IdempotencyKeys.DateCause(source.Attribute, year)), now))
            (at, year) = DateOccurrences.Next(date, source, _options.TimeZone, at);
        var timer = new TriggerTimer(definition.Id, customerId, IdempotencyKeys.DateCause(source.Attribute, year), at, at + definition.Delay, anchor: date);
        _store.Upsert(timer);
        decisions.Add(new TriggerDecision(definition.Id, customerId, timer.IdempotencyKey, TriggerOutcome.Scheduled, timer.DueAt));
    }

    private void CancelPending(CustomerEvent e, Customer? customer, DateTimeOffset now, List<TriggerDecision> decisions)
    {
        foreach (var timer in _store.ForCustomer(e.CustomerId))
        {
            if (timer.Stage == TimerStage.Retry || !_definitions.TryGetValue(timer.TriggerId, out var definition)) continue;
            if (definition.Unless is not { } unless || !unless.Cancels(e, timer.CausedAt, customer)) continue;
            _store.Remove(timer);
            MarkDecided(timer.IdempotencyKey, now);
            decisions.Add(new TriggerDecision(timer.TriggerId, timer.CustomerId, timer.IdempotencyKey, TriggerOutcome.Cancelled, now, $"cancelled by {e.Type} {e.Id}"));
            if (timer.Anchor is { } anchor && definition.Source is DateTriggerSource source)
                ArmDate(definition, source, timer.CustomerId, anchor, timer.CausedAt, decisions);
        }
    }

    private static IReadOnlyList<CustomerEvent> WithEvent(IReadOnlyList<CustomerEvent> history, CustomerEvent e)
    {
        foreach (var h in history)
            if (string.Equals(h.Id, e.Id, StringComparison.Ordinal)) return history;
        return [.. history, e];
    }

    private static void Index(Dictionary<string, TriggerDefinition[]> index, IEnumerable<TriggerDefinition> definitions, Func<TriggerDefinition, string?> keyOf)
    {
        foreach (var group in definitions.Select(d => (Key: keyOf(d), Definition: d)).Where(p => p.Key is not null).GroupBy(p => p.Key!, StringComparer.Ordinal))
            index[group.Key] = group.Select(p => p.Definition).OrderByDescending(d => d.Priority).ThenBy(d => d.Id, StringComparer.Ordinal).ToArray();
    }

    // A firing to decide now: from an event or tag change (no timer) or from a due timer. The key is built once.
    private readonly record struct Candidate(TriggerDefinition Definition, string CustomerId, TimerCause Cause, DateTimeOffset CausedAt, string Key, TriggerTimer? Timer);

    private readonly record struct Delivery(TriggerFiring Firing, TriggerTimer Lease);
}
