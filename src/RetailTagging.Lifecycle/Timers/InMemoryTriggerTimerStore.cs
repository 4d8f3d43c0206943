namespace RetailTagging.Lifecycle;

/// <summary>
/// The in-memory timer store: a per-customer index (one timer, or a small array) and a priority
/// queue keyed by due time with lazy deletion, so adding, cancelling and taking due timers are
/// O(log n) and a million pending timers stay small. Thread-safe.
/// </summary>
public sealed class InMemoryTriggerTimerStore : ITriggerTimerStore
{
    private readonly Lock _gate = new();
    private readonly CustomerTimerTable _byCustomer = new();
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
            switch (_byCustomer.Find(timer.CustomerId))
            {
                case null:
                    _byCustomer.Set(timer.CustomerId, timer);
                    _count++;
                    break;
                case TriggerTimer single when single.SameIdentity(timer):
                    _byCustomer.Set(timer.CustomerId, timer);
                    break;
                case TriggerTimer single:
                    _byCustomer.Set(timer.CustomerId, new[] { single, timer });
                    _count++;
                    break;
                case TriggerTimer[] several:
                    var index = Array.FindIndex(several, t => t.SameIdentity(timer));
                    // Copy on write: ForCustomer hands out the array itself.
                    _byCustomer.Set(timer.CustomerId, index >= 0 ? Replaced(several, index, timer) : [.. several, timer]);
                    if (index < 0) _count++;
                    break;
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
            switch (_byCustomer.Find(timer.CustomerId))
            {
                case TriggerTimer single when single.SameIdentity(timer):
                    _byCustomer.Remove(timer.CustomerId);
                    break;
                case TriggerTimer[] several when Array.FindIndex(several, t => t.SameIdentity(timer)) is var index and >= 0:
                    _byCustomer.Set(timer.CustomerId, several.Length == 2 ? several[1 - index] : several.Where((_, i) => i != index).ToArray());
                    break;
                default:
                    return false;
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
            return _byCustomer.Find(customerId) switch
            {
                TriggerTimer single => [single],
                TriggerTimer[] several => several,
                _ => [],
            };
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

    private static TriggerTimer[] Replaced(TriggerTimer[] timers, int index, TriggerTimer timer)
    {
        var copy = (TriggerTimer[])timers.Clone();
        copy[index] = timer;
        return copy;
    }

    // A queue entry is live when the index still holds that very instance.
    private bool IsLive(TriggerTimer timer) => _byCustomer.Find(timer.CustomerId) switch
    {
        TriggerTimer single => ReferenceEquals(single, timer),
        TriggerTimer[] several => Array.IndexOf(several, timer) >= 0,
        _ => false,
    };
}
