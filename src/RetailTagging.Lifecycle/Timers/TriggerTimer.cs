namespace RetailTagging.Lifecycle;

/// <summary>
/// One pending timer. Immutable; a timer is identified by <see cref="CustomerId"/>,
/// <see cref="TriggerId"/> and <see cref="CauseId"/>, which together form the firing's idempotency
/// key, so a deferral or a retry replaces the timer it came from. Instants are held as UTC ticks
/// to keep a million pending timers small.
/// </summary>
public sealed class TriggerTimer
{
    private readonly long _dueTicks;
    private readonly long _causedTicks;

    /// <summary>Creates a timer.</summary>
    /// <param name="triggerId">The trigger.</param>
    /// <param name="customerId">The customer.</param>
    /// <param name="causeId">What caused it: an event id, a tag change or a date occurrence.</param>
    /// <param name="causedAt">When the cause happened.</param>
    /// <param name="dueAt">When the timer falls due.</param>
    /// <param name="stage">What happens when it falls due.</param>
    /// <param name="attempt">For <see cref="TimerStage.Retry"/>, the delivery attempt it will make (2 or more).</param>
    /// <param name="channel">For <see cref="TimerStage.Retry"/>, the channel chosen at decision time.</param>
    /// <param name="anchor">For date triggers, the attribute's date, to schedule the next year.</param>
    public TriggerTimer(string triggerId, string customerId, string causeId, DateTimeOffset causedAt, DateTimeOffset dueAt,
        TimerStage stage = TimerStage.Scheduled, int attempt = 0, TriggerChannel channel = default, DateOnly? anchor = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(triggerId);
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        ArgumentException.ThrowIfNullOrEmpty(causeId);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        TriggerId = triggerId;
        CustomerId = customerId;
        CauseId = causeId;
        _causedTicks = causedAt.UtcTicks;
        _dueTicks = dueAt.UtcTicks;
        Stage = stage;
        Attempt = attempt;
        Channel = channel;
        Anchor = anchor;
    }

    /// <summary>The trigger.</summary>
    public string TriggerId { get; }

    /// <summary>The customer.</summary>
    public string CustomerId { get; }

    /// <summary>What caused it.</summary>
    public string CauseId { get; }

    /// <summary>When the cause happened.</summary>
    public DateTimeOffset CausedAt => new(_causedTicks, TimeSpan.Zero);

    /// <summary>When the timer falls due.</summary>
    public DateTimeOffset DueAt => new(_dueTicks, TimeSpan.Zero);

    internal long DueTicks => _dueTicks;

    /// <summary>What happens when it falls due.</summary>
    public TimerStage Stage { get; }

    /// <summary>The delivery attempt a retry will make.</summary>
    public int Attempt { get; }

    /// <summary>The channel a retry uses.</summary>
    public TriggerChannel Channel { get; }

    /// <summary>For date triggers, the attribute's date.</summary>
    public DateOnly? Anchor { get; }

    /// <summary>The idempotency key of the firing this timer leads to.</summary>
    public string IdempotencyKey => IdempotencyKeys.For(TriggerId, CustomerId, CauseId);

    /// <summary>True when both timers have the same identity (customer, trigger, cause).</summary>
    public bool SameIdentity(TriggerTimer other) =>
        other is not null && string.Equals(CustomerId, other.CustomerId, StringComparison.Ordinal)
        && string.Equals(TriggerId, other.TriggerId, StringComparison.Ordinal)
        && string.Equals(CauseId, other.CauseId, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{IdempotencyKey} {Stage} due {DueAt:O}";
}
