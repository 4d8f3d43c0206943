using Microsoft.Extensions.Logging;

namespace RetailTagging.Lifecycle;

public sealed partial class TriggerScheduler
{
    // Calls the sink for each firing in order; a failure keeps the lease (the next attempt, backed
    // off) unless it was the last attempt, which dead-letters the firing.
    private async ValueTask DeliverAsync(List<Delivery> deliveries, List<TriggerDecision> decisions, CancellationToken cancellationToken)
    {
        foreach (var (firing, lease) in deliveries)
        {
            // Consent can change while earlier firings of the batch are delivered: check it right before the call.
            if (_consent.IsOptedOut(firing.CustomerId, firing.Channel))
            {
                _store.Remove(lease);
                decisions.Add(new TriggerDecision(firing.TriggerId, firing.CustomerId, firing.IdempotencyKey, TriggerOutcome.Suppressed, _time.GetUtcNow(), "opted out before delivery", firing.Channel));
                continue;
            }
            try
            {
                await _sink.DeliverAsync(firing, cancellationToken).ConfigureAwait(false);
                _store.Remove(lease);
                decisions.Add(new TriggerDecision(firing.TriggerId, firing.CustomerId, firing.IdempotencyKey, TriggerOutcome.Delivered, firing.AttemptedAt, null, firing.Channel));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw; // The lease stays in the store: the firing is retried later.
            }
            catch (Exception ex)
            {
                // Sinks are host code and may fail in any way; at-least-once means every failure is retried.
                if (firing.Attempt >= _options.Delivery.MaxAttempts)
                {
                    _store.Remove(lease);
                    _deadLetters.Add(new DeadLetter(firing, ex.Message, _time.GetUtcNow()));
                    decisions.Add(new TriggerDecision(firing.TriggerId, firing.CustomerId, firing.IdempotencyKey, TriggerOutcome.DeadLettered, firing.AttemptedAt, ex.Message, firing.Channel));
                    _logger?.LogError(ex, "Trigger firing {Key} dead-lettered after {Attempts} attempts", firing.IdempotencyKey, firing.Attempt);
                }
                else
                {
                    decisions.Add(new TriggerDecision(firing.TriggerId, firing.CustomerId, firing.IdempotencyKey, TriggerOutcome.RetryScheduled, lease.DueAt, ex.Message, firing.Channel));
                    _logger?.LogWarning(ex, "Trigger firing {Key} attempt {Attempt} failed; retrying at {Due}", firing.IdempotencyKey, firing.Attempt, lease.DueAt);
                }
            }
        }
    }
}
