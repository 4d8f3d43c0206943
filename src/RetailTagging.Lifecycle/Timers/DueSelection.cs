namespace RetailTagging.Lifecycle;

/// <summary>
/// The earliest <c>max</c> due timers offered by the shards of <see cref="InMemoryTriggerTimerStore"/>,
/// kept in a max-heap so that a later-offered earlier timer displaces the latest one kept.
/// </summary>
/// <remarks>
/// Why: each shard offers its due timers earliest first and stops once they cannot enter the
/// selection, so a sweep of a large backlog reads about <c>max · (1 + ln shards)</c> queue entries
/// instead of <c>max</c> from every shard.
/// </remarks>
internal sealed class DueSelection(int max)
{
    private static readonly Comparer<long> LatestFirst = Comparer<long>.Create(static (a, b) => b.CompareTo(a));
    private readonly PriorityQueue<TriggerTimer, long> _kept = new(LatestFirst);

    /// <summary>True when a timer due at <paramref name="ticks"/> would be kept.</summary>
    public bool Admits(long ticks) => _kept.Count < max || (_kept.TryPeek(out _, out var latest) && ticks < latest);

    /// <summary>Keeps the timer when it is among the earliest offered so far.</summary>
    public void Offer(TriggerTimer timer, long ticks)
    {
        if (_kept.Count < max) _kept.Enqueue(timer, ticks);
        else if (Admits(ticks)) _kept.DequeueEnqueue(timer, ticks);
    }

    /// <summary>The kept timers, earliest first.</summary>
    public List<TriggerTimer> EarliestFirst()
    {
        var result = new List<TriggerTimer>(_kept.Count);
        foreach (var (timer, _) in _kept.UnorderedItems) result.Add(timer);
        result.Sort(static (a, b) => a.DueTicks.CompareTo(b.DueTicks));
        return result;
    }
}
