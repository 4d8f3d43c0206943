namespace RetailTagging.Lifecycle;

/// <summary>
/// The in-memory timer store: a per-customer index (one timer, or a small list) and a priority
/// queue keyed by due time with lazy deletion, so adding, cancelling and taking due timers are
/// O(log n) and a million pending timers stay small. Thread-safe.
/// </summary>
public sealed class InMemoryTriggerTimerStore : ITriggerTimerStore
{
    private readonly Lock _gate = new();
    // Value: a TriggerTimer, or a List<TriggerTimer> when the customer has several (most have one).
    private readonly Dictionary<string, object> _byCustomer = new(StringComparer.Ordinal);
    private readonly PriorityQueue<TriggerTimer, long> _due = new();
    private long _count;

    /// <inheritdoc />
    public long Count
    {
        get { lock (_gate) return _count; }
    }

    /// <inheritdoc />
    public DateTimeOffset? NextDueAt
    {
        get
        {
            lock (_gate)
            {
                while (_due.TryPeek(out var timer, out _))
                {
                    if (IsLive(timer)) return timer.DueAt;
                    _due.Dequeue();
                }
                return null;
            }
        }
    }

    /// <inheritdoc />
    public void Upsert(TriggerTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        lock (_gate)
        {
            if (!_byCustomer.TryGetValue(timer.CustomerId, out var slot))
            {
                _byCustomer[timer.CustomerId] = timer;
                _count++;
            }
            else if (slot is TriggerTimer single)
            {
                if (single.SameIdentity(timer)) _byCustomer[timer.CustomerId] = timer;
                else
                {
                    _byCustomer[timer.CustomerId] = new List<TriggerTimer>(2) { single, timer };
                    _count++;
                }
            }
            else
            {
                var list = (List<TriggerTimer>)slot;
                var index = list.FindIndex(t => t.SameIdentity(timer));
                if (index >= 0) list[index] = timer;
                else
                {
                    list.Add(timer);
                    _count++;
                }
            }
            // The replaced timer's queue entry goes stale and is skipped when it surfaces.
            _due.Enqueue(timer, timer.DueTicks);
        }
    }

    /// <inheritdoc />
    public bool Remove(TriggerTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        lock (_gate)
        {
            if (!_byCustomer.TryGetValue(timer.CustomerId, out var slot)) return false;
            if (slot is TriggerTimer single)
            {
                if (!single.SameIdentity(timer)) return false;
                _byCustomer.Remove(timer.CustomerId);
            }
            else
            {
                var list = (List<TriggerTimer>)slot;
                var index = list.FindIndex(t => t.SameIdentity(timer));
                if (index < 0) return false;
                list.RemoveAt(index);
                if (list.Count == 1) _byCustomer[timer.CustomerId] = list[0];
            }
            _count--;
            return true;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<TriggerTimer> ForCustomer(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        lock (_gate)
        {
            if (!_byCustomer.TryGetValue(customerId, out var slot)) return [];
            return slot is TriggerTimer single ? [single] : ((List<TriggerTimer>)slot).ToArray();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<TriggerTimer> GetDue(DateTimeOffset upTo, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var limit = upTo.UtcTicks;
        var result = new List<TriggerTimer>();
        lock (_gate)
        {
            var seen = new HashSet<TriggerTimer>(ReferenceEqualityComparer.Instance);
            while (result.Count < max && _due.TryPeek(out var timer, out var ticks) && ticks <= limit)
            {
                _due.Dequeue();
                if (IsLive(timer) && seen.Add(timer)) result.Add(timer);
            }
            // Still pending until the caller removes or replaces them: put them back.
            foreach (var timer in result) _due.Enqueue(timer, timer.DueTicks);
        }
        return result;
    }

    // A queue entry is live when the index still holds that very instance.
    private bool IsLive(TriggerTimer timer)
    {
        if (!_byCustomer.TryGetValue(timer.CustomerId, out var slot)) return false;
        return slot is TriggerTimer single ? ReferenceEquals(single, timer) : ((List<TriggerTimer>)slot).Exists(t => ReferenceEquals(t, timer));
    }
}
