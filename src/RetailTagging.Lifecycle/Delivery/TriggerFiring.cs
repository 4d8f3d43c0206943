namespace RetailTagging.Lifecycle;

/// <summary>
/// One decided firing handed to the host's <see cref="ITriggerSink"/>. A sink that records
/// <see cref="IdempotencyKey"/> and ignores keys it has seen never acts twice, even though
/// delivery is at-least-once.
/// </summary>
/// <param name="IdempotencyKey">Deterministic: trigger, customer and cause (see <see cref="IdempotencyKeys"/>).</param>
/// <param name="TriggerId">The trigger.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Action">What to do, e.g. <c>send_coupon</c>.</param>
/// <param name="Channel">The channel, one the customer has not opted out of.</param>
/// <param name="Priority">The trigger's priority.</param>
/// <param name="CausedAt">When the cause happened.</param>
/// <param name="AttemptedAt">When this delivery attempt was made.</param>
/// <param name="Attempt">The delivery attempt, from 1.</param>
/// <param name="Properties">The trigger's static properties.</param>
public sealed record TriggerFiring(
    string IdempotencyKey,
    string TriggerId,
    string CustomerId,
    string Action,
    TriggerChannel Channel,
    int Priority,
    DateTimeOffset CausedAt,
    DateTimeOffset AttemptedAt,
    int Attempt,
    IReadOnlyDictionary<string, string> Properties);
