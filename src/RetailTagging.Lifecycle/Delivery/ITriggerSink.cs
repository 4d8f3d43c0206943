namespace RetailTagging.Lifecycle;

/// <summary>
/// Where firings go: the host sends the coupon, creates the call-back task. Throwing means the
/// delivery failed and is retried with backoff; after the last attempt the firing is dead-lettered.
/// </summary>
public interface ITriggerSink
{
    /// <summary>Delivers one firing; should be idempotent on <see cref="TriggerFiring.IdempotencyKey"/>.</summary>
    ValueTask DeliverAsync(TriggerFiring firing, CancellationToken cancellationToken);
}
