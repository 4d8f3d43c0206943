namespace RetailTagging.Lifecycle;

/// <summary>
/// The in-memory timer store: shards by customer, each with its own lock, a per-customer index (one
/// timer, or a small array) and a priority queue keyed by due time with lazy deletion, so adding,
/// cancelling and taking due timers are O(log n), a million pending timers stay small, and callers
/// working on different customers rarely meet on a lock. Thread-safe.
/// </summary>
public sealed class InMemoryTriggerTimerStore : ITriggerTimerStore
{
    // A power of two; many more than the cores a host gives the scheduler, so two threads seldom share one.
    private const int ShardCount = 32;
    private readonly TimerShard[] _shards = [.. Enumerable.Range(0, ShardCount).Select(_ => new TimerShard())];

    /// <inheritdoc />
    public long Count
    {
        get
        {
            long count = 0;
            foreach (var shard in _shards) count += shard.Count;
            return count;
        }
    }

    /// <inheritdoc />
    public DateTimeOffset? NextDueAt
    {
        get
        {
            long? earliest = null;
            foreach (var shard in _shards)
                if (shard.NextDueTicks() is { } ticks && (earliest is null || ticks < earliest)) earliest = ticks;
            return earliest is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;
        }
    }

    /// <summary>Entries in the due queues, stale ones included; stays within about twice <see cref="Count"/>.</summary>
    internal long QueueLength => _shards.Sum(s => (long)s.QueueLength);

    /// <inheritdoc />
    public void Upsert(TriggerTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var hash = CustomerTimerTable.HashOf(timer.CustomerId);
        ShardOf(hash).Upsert(timer, hash);
    }

    /// <inheritdoc />
    public bool Remove(TriggerTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var hash = CustomerTimerTable.HashOf(timer.CustomerId);
        return ShardOf(hash).Remove(timer, hash);
    }

    /// <inheritdoc />
    public IReadOnlyList<TriggerTimer> ForCustomer(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        var hash = CustomerTimerTable.HashOf(customerId);
        return ShardOf(hash).ForCustomer(customerId, hash);
    }

    /// <inheritdoc />
    public IReadOnlyList<TriggerTimer> GetDue(DateTimeOffset upTo, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var limit = upTo.UtcTicks;
        var result = new List<TriggerTimer>();
        // Every shard is locked (in order, so no deadlock with callers holding one) for a k-way merge of
        // their due queues: max + shards entries are taken, and the sweep sees one consistent state.
        foreach (var shard in _shards) shard.Enter();
        try
        {
            var heads = new PriorityQueue<int, long>(ShardCount);
            var current = new TriggerTimer?[ShardCount];
            for (var i = 0; i < ShardCount; i++) TakeNext(i, limit, heads, current);
            while (result.Count < max && heads.TryDequeue(out var i, out _))
            {
                result.Add(current[i]!);
                if (result.Count < max) TakeNext(i, limit, heads, current);
            }
        }
        finally
        {
            for (var i = ShardCount - 1; i >= 0; i--) _shards[i].Exit();
        }
        return result;
    }

    // Makes the shard's next due timer its head in the merge, if it has one.
    private void TakeNext(int shard, long limit, PriorityQueue<int, long> heads, TriggerTimer?[] current)
    {
        if (!_shards[shard].TryTakeNextDue(limit, out var timer)) return;
        current[shard] = timer;
        heads.Enqueue(shard, timer.DueTicks);
    }

    // The low bits pick the shard; the table inside uses the high bits of a multiplicative hash.
    private TimerShard ShardOf(int hash) => _shards[hash & (ShardCount - 1)];
}
