namespace RetailTagging.Lifecycle;

/// <summary>
/// The policy memory in process: lost on restart (a cooldown or cap starts afresh, and a replayed
/// cause decided before the restart is decided again with the same key). Thread-safe.
/// </summary>
public sealed class InMemoryTriggerPolicyStore : ITriggerPolicyStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _decided = new(StringComparer.Ordinal);
    // Expiry order for pruning; an entry whose key was re-marked later is skipped.
    private readonly PriorityQueue<string, long> _expiry = new();
    private readonly Dictionary<(string Customer, string Trigger), long> _lastDelivered = new();
    private readonly Dictionary<string, Queue<long>> _touches = new(StringComparer.Ordinal);

    /// <summary>Decided keys remembered.</summary>
    public int DecidedKeyCount
    {
        get { lock (_gate) return _decided.Count; }
    }

    /// <inheritdoc />
    public bool IsDecided(string idempotencyKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        lock (_gate) return _decided.TryGetValue(idempotencyKey, out var expires) && expires > now.UtcTicks;
    }

    /// <inheritdoc />
    public void MarkDecided(string idempotencyKey, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        lock (_gate)
        {
            _decided[idempotencyKey] = expiresAt.UtcTicks;
            _expiry.Enqueue(idempotencyKey, expiresAt.UtcTicks);
        }
    }

    /// <inheritdoc />
    public DateTimeOffset? LastDelivery(string customerId, string triggerId)
    {
        lock (_gate)
            return _lastDelivered.TryGetValue((customerId, triggerId), out var ticks) ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }

    /// <inheritdoc />
    public int CountTouches(string customerId, DateTimeOffset after)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        lock (_gate)
        {
            if (!_touches.TryGetValue(customerId, out var touches)) return 0;
            var count = 0;
            foreach (var t in touches) if (t > after.UtcTicks) count++;
            return count;
        }
    }

    /// <inheritdoc />
    public void RecordDelivery(string customerId, string triggerId, bool marketing, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(triggerId);
        lock (_gate)
        {
            _lastDelivered[(customerId, triggerId)] = at.UtcTicks;
            if (!marketing) return;
            if (!_touches.TryGetValue(customerId, out var touches)) _touches[customerId] = touches = new Queue<long>(2);
            touches.Enqueue(at.UtcTicks);
        }
    }

    /// <inheritdoc />
    public void Prune(DateTimeOffset now, DateTimeOffset touchesUpTo)
    {
        lock (_gate)
        {
            while (_expiry.TryPeek(out var key, out var expires) && expires <= now.UtcTicks)
            {
                _expiry.Dequeue();
                if (_decided.TryGetValue(key, out var current) && current == expires) _decided.Remove(key);
            }
            List<string>? empty = null;
            foreach (var (customer, touches) in _touches)
            {
                while (touches.TryPeek(out var t) && t <= touchesUpTo.UtcTicks) touches.Dequeue();
                if (touches.Count == 0) (empty ??= []).Add(customer);
            }
            if (empty is not null) foreach (var customer in empty) _touches.Remove(customer);
        }
    }
}
