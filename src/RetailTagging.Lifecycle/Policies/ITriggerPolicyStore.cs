namespace RetailTagging.Lifecycle;

/// <summary>
/// What the trigger policies remember, so that a restart over a durable store keeps them: decided
/// idempotency keys (a replayed cause is never decided twice), the last delivery per customer and
/// trigger (cooldowns) and marketing touches per customer (frequency caps). The default is
/// <see cref="InMemoryTriggerPolicyStore"/>; a durable store (EF Core) implements the same contract.
/// Implementations must be thread-safe; every instant is compared as UTC.
/// </summary>
public interface ITriggerPolicyStore
{
    /// <summary>True when <paramref name="idempotencyKey"/> was marked decided and is remembered beyond <paramref name="now"/>.</summary>
    bool IsDecided(string idempotencyKey, DateTimeOffset now);

    /// <summary>Records a decided key (delivered, suppressed or cancelled), remembered until <paramref name="expiresAt"/>; a later call replaces the expiry.</summary>
    void MarkDecided(string idempotencyKey, DateTimeOffset expiresAt);

    /// <summary>When the trigger was last decided for delivery to the customer, or null.</summary>
    DateTimeOffset? LastDelivery(string customerId, string triggerId);

    /// <summary>The customer's marketing touches strictly after <paramref name="after"/>.</summary>
    int CountTouches(string customerId, DateTimeOffset after);

    /// <summary>Records a delivery decision: the trigger's last delivery to the customer and, when <paramref name="marketing"/>, one touch at <paramref name="at"/>.</summary>
    void RecordDelivery(string customerId, string triggerId, bool marketing, DateTimeOffset at);

    /// <summary>Forgets keys whose expiry is at or before <paramref name="now"/> and touches at or before <paramref name="touchesUpTo"/>.</summary>
    void Prune(DateTimeOffset now, DateTimeOffset touchesUpTo);
}
