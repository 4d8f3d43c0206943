namespace RetailTagging.Lifecycle;

/// <summary>
/// One shard of <see cref="InMemoryTriggerPolicyStore"/>, under its own lock: the decided keys that
/// hash onto it and the deliveries and touches of the customers that hash onto it.
/// </summary>
internal sealed class PolicyShard
{
    private readonly Lock _gate = new();
    private readonly DecidedKeySet _decided = new();
    private readonly Dictionary<(string Customer, string Trigger), long> _lastDelivered = new();
    private readonly Dictionary<string, Queue<long>> _touches = new(StringComparer.Ordinal);

    public int DecidedKeyCount
    {
        get { lock (_gate) return _decided.Count; }
    }

    public bool IsDecided(string key, long nowTicks)
    {
        lock (_gate) return _decided.TryGetExpiry(key, out var expires) && expires > nowTicks;
    }

    public void MarkDecided(string key, long expiresTicks)
    {
        lock (_gate) _decided.Set(key, expiresTicks);
    }

    public long? LastDelivery(string customerId, string triggerId)
    {
        lock (_gate) return _lastDelivered.TryGetValue((customerId, triggerId), out var ticks) ? ticks : null;
    }

    public int CountTouches(string customerId, long afterTicks)
    {
        lock (_gate)
        {
            if (!_touches.TryGetValue(customerId, out var touches)) return 0;
            var count = 0;
            foreach (var t in touches) if (t > afterTicks) count++;
            return count;
        }
    }

    public void RecordDelivery(string customerId, string triggerId, bool marketing, long atTicks)
    {
        lock (_gate)
        {
            _lastDelivered[(customerId, triggerId)] = atTicks;
            if (!marketing) return;
            if (!_touches.TryGetValue(customerId, out var touches)) _touches[customerId] = touches = new Queue<long>(2);
            touches.Enqueue(atTicks);
        }
    }

    public void Prune(long nowTicks, long touchesUpToTicks)
    {
        lock (_gate)
        {
            _decided.Prune(nowTicks);
            List<string>? empty = null;
            foreach (var (customer, touches) in _touches)
            {
                while (touches.TryPeek(out var t) && t <= touchesUpToTicks) touches.Dequeue();
                if (touches.Count == 0) (empty ??= []).Add(customer);
            }
            if (empty is not null) foreach (var customer in empty) _touches.Remove(customer);
        }
    }
}
