namespace RetailTagging.Lifecycle;

/// <summary>
/// One pending timer. Immutable; a timer is identified by <see cref="CustomerId"/>,
/// <see cref="TriggerId"/> and <see cref="CauseId"/>, which together form the firing's idempotency
/// key, so a deferral or a retry replaces the timer it came from.
/// </summary>
/// <remarks>
/// Why this layout: a million pending timers must fit in well under 200 MB with their strings.
/// Instants are UTC ticks, the small fields are bytes, the anchor date is a day number, and a cause
/// with a standard prefix (<c>event:</c>, <c>tag:</c>, <c>date:</c>) keeps only the part after it
/// (<see cref="CauseId"/> puts the prefix back), so an event cause shares nothing but the event id.
/// </remarks>
public sealed class TriggerTimer
{
    internal static readonly string[] CausePrefixes = ["", "event:", "tag:", "date:"];

    private readonly string _cause;
    private readonly long _dueTicks;
    private readonly long _causedTicks;
    private readonly int _anchorDay; // DayNumber + 1; 0 when there is no anchor.
    private readonly byte _causeKind;
    private readonly byte _attempt;
    private readonly TimerStage _stage;
    private readonly TriggerChannel _channel;

    /// <summary>The most delivery attempts a timer can carry.</summary>
    public const int MaxAttempt = byte.MaxValue;

    /// <summary>Creates a timer.</summary>
    /// <param name="triggerId">The trigger.</param>
    /// <param name="customerId">The customer.</param>
    /// <param name="causeId">What caused it: an event id, a tag change or a date occurrence.</param>
    /// <param name="causedAt">When the cause happened.</param>
    /// <param name="dueAt">When the timer falls due.</param>
    /// <param name="stage">What happens when it falls due.</param>
    /// <param name="attempt">For <see cref="TimerStage.Retry"/>, the delivery attempt it will make (2 to <see cref="MaxAttempt"/>).</param>
    /// <param name="channel">For <see cref="TimerStage.Retry"/>, the channel chosen at decision time.</param>
    /// <param name="anchor">For date triggers, the attribute's date, to schedule the next year.</param>
    public TriggerTimer(string triggerId, string customerId, string causeId, DateTimeOffset causedAt, DateTimeOffset dueAt,
        TimerStage stage = TimerStage.Scheduled, int attempt = 0, TriggerChannel channel = default, DateOnly? anchor = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(triggerId);
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        ArgumentException.ThrowIfNullOrEmpty(causeId);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(attempt, MaxAttempt);
        TriggerId = triggerId;
        CustomerId = customerId;
        (_causeKind, _cause) = Split(causeId);
        _causedTicks = causedAt.UtcTicks;
        _dueTicks = dueAt.UtcTicks;
        _stage = stage;
        _attempt = (byte)attempt;
        _channel = channel;
        _anchorDay = anchor is { } date ? date.DayNumber + 1 : 0;
    }

    // For the scheduler, which already holds the cause split (an event id with its kind): no substring, no checks.
    internal TriggerTimer(string triggerId, string customerId, TimerCause cause, long causedTicks, long dueTicks,
        TimerStage stage = TimerStage.Scheduled, int attempt = 0, TriggerChannel channel = default, int anchorDay = 0)
    {
        TriggerId = triggerId;
        CustomerId = customerId;
        (_causeKind, _cause) = (cause.Kind, cause.Value);
        _causedTicks = causedTicks;
        _dueTicks = dueTicks;
        _stage = stage;
        _attempt = (byte)attempt;
        _channel = channel;
        _anchorDay = anchorDay;
    }

    internal static (byte Kind, string Value) Split(string causeId)
    {
        for (byte kind = 1; kind < CausePrefixes.Length; kind++)
            if (causeId.Length > CausePrefixes[kind].Length && causeId.StartsWith(CausePrefixes[kind], StringComparison.Ordinal))
                return (kind, causeId[CausePrefixes[kind].Length..]);
        return (0, causeId);
    }

    /// <summary>The trigger.</summary>
    public string TriggerId { get; }

    /// <summary>The customer.</summary>
    public string CustomerId { get; }

    /// <summary>What caused it.</summary>
    public string CauseId => _causeKind == 0 ? _cause : string.Concat(CausePrefixes[_causeKind], _cause);

    /// <summary>When the cause happened.</summary>
    public DateTimeOffset CausedAt => new(_causedTicks, TimeSpan.Zero);

    /// <summary>When the timer falls due.</summary>
    public DateTimeOffset DueAt => new(_dueTicks, TimeSpan.Zero);

    internal long DueTicks => _dueTicks;

    internal long CausedTicks => _causedTicks;

    internal int AnchorDay => _anchorDay;

    /// <summary>The cause as stored: its standard prefix as a kind, and the rest.</summary>
    internal TimerCause Cause => new(_causeKind, _cause);

    /// <summary>What happens when it falls due.</summary>
    public TimerStage Stage => _stage;

    /// <summary>The delivery attempt a retry will make.</summary>
    public int Attempt => _attempt;

    /// <summary>The channel a retry uses.</summary>
    public TriggerChannel Channel => _channel;

    /// <summary>For date triggers, the attribute's date.</summary>
    public DateOnly? Anchor => _anchorDay == 0 ? null : DateOnly.FromDayNumber(_anchorDay - 1);

    /// <summary>The idempotency key of the firing this timer leads to.</summary>
    public string IdempotencyKey => string.Concat([TriggerId, "|", CustomerId, "|", CausePrefixes[_causeKind], _cause]);

    /// <summary>True when both timers have the same identity (customer, trigger, cause).</summary>
    public bool SameIdentity(TriggerTimer other) =>
        // The cause first: timers compared are usually the same customer's, which differ there.
        other is not null && _causeKind == other._causeKind
        && string.Equals(_cause, other._cause, StringComparison.Ordinal)
        && string.Equals(TriggerId, other.TriggerId, StringComparison.Ordinal)
        && string.Equals(CustomerId, other.CustomerId, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{IdempotencyKey} {Stage} due {DueAt:O}";
}
