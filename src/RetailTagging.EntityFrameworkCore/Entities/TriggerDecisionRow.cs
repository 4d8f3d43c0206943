namespace RetailTagging.EntityFrameworkCore.Entities;

/// <summary>
/// A decided trigger idempotency key (delivered, suppressed or cancelled), remembered until it expires. The key names
/// the customer, so only its keyed hash is stored: erasing a customer leaves nothing readable behind.
/// </summary>
public sealed class TriggerDecisionRow
{
    /// <summary>HMAC-SHA256 of the idempotency key with the host's hash key (primary key).</summary>
    public byte[] KeyHash { get; set; } = [];
    /// <summary>Remembered until this instant (UTC, exclusive); indexed for pruning.</summary>
    public DateTime ExpiresAtUtc { get; set; }
}
