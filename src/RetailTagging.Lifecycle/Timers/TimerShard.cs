namespace RetailTagging.Lifecycle;

/// <summary>
/// One shard of <see cref="InMemoryTriggerTimerStore"/>: the timers of the customers whose hash
/// falls on it, indexed by customer and queued by due time, under the shard's own lock.
/// </summary>
/// <remarks>
/// The due queue deletes lazily: a replaced or removed timer's entry stays until it surfaces. So
/// that cancelled timers due months later (an inactivity timer, a lease) cannot pile up, the queue
/// is rebuilt from the index once stale entries outnumber live ones, which keeps it at most about
/// twice the live count for O(1) amortised work per removal. New timers wait in a short list before
/// they enter the queue: a delivery lease written and removed around a sink call that returns at
/// once (the common case) then never touches the queue and dies young instead of lingering there.
/// </remarks>
internal sealed class TimerShard
{
    private const int CompactionSlack = 64;
    private const int UnqueuedLimit = 32;
    private readonly Lock _gate = new();
    private readonly CustomerTimerTable _byCustomer = new();
    private PriorityQueue<TriggerTimer, long> _due = new();
    private readonly List<TriggerTimer> _unqueued = new(UnqueuedLimit);
    // Timers taken by a sweep, put back by Exit; reused so a sweep allocates nothing per shard.
    private readonly List<TriggerTimer> _taken = [];
    private readonly HashSet<TriggerTimer> _seen = new(ReferenceEqualityComparer.Instance);
    private long _count;

    /// <summary>Pending timers in the shard (read without the lock: a snapshot).</summary>
    public long Count => Volatile.Read(ref _count);

    /// <summary>Entries in the due queue, stale ones included (for tests of the compaction bound).</summary>
    public int QueueLength
    {
        get { lock (_gate) return _due.Count + _unqueued.Count; }
    }

    public void Upsert(TriggerTimer timer, int hash)
    {
        lock (_gate)
        {
            switch (_byCustomer.Find(timer.CustomerId, hash))
            {
                case null:
                    _byCustomer.Set(timer.CustomerId, hash, timer);
                    _count++;
                    break;
                case TriggerTimer single when single.SameIdentity(timer):
                    _byCustomer.Set(timer.CustomerId, hash, timer);
                    Unqueue(single);
                    break;
                case TriggerTimer single:
                    _byCustomer.Set(timer.CustomerId, hash, new[] { single, timer });
                    _count++;
                    break;
                case TriggerTimer[] several:
                    var index = IndexOfIdentity(several, timer);
                    // Copy on write: ForCustomer hands out the array itself.
                    _byCustomer.Set(timer.CustomerId, hash, index >= 0 ? Replaced(several, index, timer) : [.. several, timer]);
                    if (index < 0) _count++;
                    else Unqueue(several[index]);
                    break;
            }
            // A replaced timer's queue entry, if it had one, goes stale and is skipped when it surfaces.
            _unqueued.Add(timer);
            if (_unqueued.Count >= UnqueuedLimit) Flush();
        }
    }

    public bool Remove(TriggerTimer timer, int hash)
    {
        lock (_gate)
        {
            switch (_byCustomer.Find(timer.CustomerId, hash))
            {
                case TriggerTimer single when single.SameIdentity(timer):
                    _byCustomer.Remove(timer.CustomerId, hash);
                    Unqueue(single);
                    break;
                case TriggerTimer[] several when IndexOfIdentity(several, timer) is var index and >= 0:
                    _byCustomer.Set(timer.CustomerId, hash, several.Length == 2 ? several[1 - index] : Without(several, index));
                    Unqueue(several[index]);
                    break;
                default:
                    return false;
            }
            _count--;
            return true;
        }
    }

    public IReadOnlyList<TriggerTimer> ForCustomer(string customerId, int hash)
    {
        lock (_gate)
        {
            return _byCustomer.Find(customerId, hash) switch
            {
                TriggerTimer single => [single],
                TriggerTimer[] several => several,
                _ => [],
            };
        }
    }

    /// <summary>The earliest due instant in ticks, or null.</summary>
    public long? NextDueTicks()
    {
        lock (_gate)
        {
            Flush();
            while (_due.TryPeek(out var timer, out var ticks))
            {
                if (IsLive(timer)) return ticks;
                _due.Dequeue();
            }
            return null;
        }
    }

    /// <summary>Takes the shard's lock for a sweep across shards (see <see cref="InMemoryTriggerTimerStore.GetDue"/>).</summary>
    public void Enter()
    {
        _gate.Enter();
        Flush();
    }

    /// <summary>With the lock held: the next live timer due at or before <paramref name="limit"/>, earliest first.</summary>
    public bool TryTakeNextDue(long limit, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TriggerTimer? timer)
    {
        while (_due.TryPeek(out timer, out var ticks) && ticks <= limit)
        {
            _due.Dequeue();
            // The same instance upserted twice has two entries: take it once.
            if (!IsLive(timer) || !_seen.Add(timer)) continue;
            _taken.Add(timer);
            return true;
        }
        timer = null;
        return false;
    }

    /// <summary>Puts every taken timer back (they stay pending until removed or replaced) and releases the lock.</summary>
    public void Exit()
    {
        foreach (var timer in _taken) _due.Enqueue(timer, timer.DueTicks);
        _taken.Clear();
        _seen.Clear();
        _gate.Exit();
    }

    // A timer left the index: if it never reached the queue, it never will (the newest are at the end).
    private void Unqueue(TriggerTimer timer)
    {
        for (var i = _unqueued.Count - 1; i >= 0; i--)
        {
            if (!ReferenceEquals(_unqueued[i], timer)) continue;
            _unqueued.RemoveAt(i);
            return;
        }
    }

    // Moves the waiting timers into the due queue; then rebuilds the queue from the index if stale
    // entries outnumber live timers.
    private void Flush()
    {
        foreach (var timer in _unqueued) _due.Enqueue(timer, timer.DueTicks);
        _unqueued.Clear();
        if (_due.Count <= 2 * _count + CompactionSlack) return;
        var live = new List<(TriggerTimer, long)>((int)_count);
        foreach (var timer in _byCustomer.Timers()) live.Add((timer, timer.DueTicks));
        _due = new PriorityQueue<TriggerTimer, long>(live);
    }

    private static int IndexOfIdentity(TriggerTimer[] timers, TriggerTimer timer)
    {
        for (var i = 0; i < timers.Length; i++)
            if (timers[i].SameIdentity(timer)) return i;
        return -1;
    }

    private static TriggerTimer[] Replaced(TriggerTimer[] timers, int index, TriggerTimer timer)
    {
        var copy = (TriggerTimer[])timers.Clone();
        copy[index] = timer;
        return copy;
    }

    private static TriggerTimer[] Without(TriggerTimer[] timers, int index)
    {
        var copy = new TriggerTimer[timers.Length - 1];
        Array.Copy(timers, 0, copy, 0, index);
        Array.Copy(timers, index + 1, copy, index, copy.Length - index);
        return copy;
    }

    // A queue entry is live when the index still holds that very instance.
    private bool IsLive(TriggerTimer timer) => _byCustomer.Find(timer.CustomerId, CustomerTimerTable.HashOf(timer.CustomerId)) switch
    {
        TriggerTimer single => ReferenceEquals(single, timer),
        TriggerTimer[] several => Array.IndexOf(several, timer) >= 0,
        _ => false,
    };
}
