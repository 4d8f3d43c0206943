namespace RetailTagging.Lifecycle;

/// <summary>
/// Holds pending timers so they survive a restart: a new <see cref="TriggerScheduler"/> over the
/// same store fires them. The in-memory default is <see cref="InMemoryTriggerTimerStore"/>; a durable
/// store (EF Core) implements the same contract. Implementations must be thread-safe.
/// </summary>
public interface ITriggerTimerStore
{
    /// <summary>Pending timers.</summary>
    long Count { get; }

    /// <summary>The earliest due instant, or null when none is pending.</summary>
    DateTimeOffset? NextDueAt { get; }

    /// <summary>Adds a timer, replacing a pending one with the same identity (customer, trigger, cause).</summary>
    void Upsert(TriggerTimer timer);

    /// <summary>Removes the pending timer with <paramref name="timer"/>'s identity; true when one was removed.</summary>
    bool Remove(TriggerTimer timer);

    /// <summary>The customer's pending timers.</summary>
    IReadOnlyList<TriggerTimer> ForCustomer(string customerId);

    /// <summary>
    /// Up to <paramref name="max"/> pending timers due at or before <paramref name="upTo"/>, earliest
    /// first. They stay pending until removed or replaced, so a crash before that loses nothing.
    /// </summary>
    IReadOnlyList<TriggerTimer> GetDue(DateTimeOffset upTo, int max);
}
