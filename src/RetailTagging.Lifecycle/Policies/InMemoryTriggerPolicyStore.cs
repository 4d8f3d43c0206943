namespace RetailTagging.Lifecycle;

/// <summary>
/// The policy memory in process: lost on restart (a cooldown or cap starts afresh, and a replayed
/// cause decided before the restart is decided again with the same key). Thread-safe.
/// </summary>
/// <remarks>
/// Sharded (decided keys by the key's hash, deliveries and touches by the customer's), each shard
/// under its own lock: callers deciding different customers rarely meet on a lock, and a growing
/// dictionary resizes one shard at a time instead of copying every decided key at once.
/// </remarks>
public sealed class InMemoryTriggerPolicyStore : ITriggerPolicyStore
{
    private const int ShardCount = 32; // A power of two.
    private readonly PolicyShard[] _shards = [.. Enumerable.Range(0, ShardCount).Select(_ => new PolicyShard())];

    /// <summary>Decided keys remembered.</summary>
    public int DecidedKeyCount => _shards.Sum(s => s.DecidedKeyCount);

    /// <inheritdoc />
    public bool IsDecided(string idempotencyKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        return ShardOf(idempotencyKey).IsDecided(idempotencyKey, now.UtcTicks);
    }

    /// <inheritdoc />
    public void MarkDecided(string idempotencyKey, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        ShardOf(idempotencyKey).MarkDecided(idempotencyKey, expiresAt.UtcTicks);
    }

    /// <inheritdoc />
    public DateTimeOffset? LastDelivery(string customerId, string triggerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(triggerId);
        return ShardOf(customerId).LastDelivery(customerId, triggerId) is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }

    /// <inheritdoc />
    public int CountTouches(string customerId, DateTimeOffset after)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        return ShardOf(customerId).CountTouches(customerId, after.UtcTicks);
    }

    /// <inheritdoc />
    public void RecordDelivery(string customerId, string triggerId, bool marketing, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(triggerId);
        ShardOf(customerId).RecordDelivery(customerId, triggerId, marketing, at.UtcTicks);
    }

    /// <inheritdoc />
    public void Prune(DateTimeOffset now, DateTimeOffset touchesUpTo)
    {
        foreach (var shard in _shards) shard.Prune(now.UtcTicks, touchesUpTo.UtcTicks);
    }

    private PolicyShard ShardOf(string text) => _shards[StringComparer.Ordinal.GetHashCode(text) & (ShardCount - 1)];
}
