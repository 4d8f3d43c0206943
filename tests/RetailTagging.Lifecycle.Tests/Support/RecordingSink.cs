using RetailTagging.Lifecycle;

namespace RetailTagging.Lifecycle.Tests.Support;

/// <summary>Records deliveries; fails the first <see cref="FailuresBeforeSuccess"/> attempts of each key; optionally checks consent at delivery.</summary>
public sealed class RecordingSink(TimeProvider time, IConsentStore? consent = null) : ITriggerSink
{
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public List<TriggerFiring> Delivered { get; } = [];
    public List<(TriggerFiring Firing, DateTimeOffset At)> Attempts { get; } = [];
    public List<TriggerFiring> ReachedOptedOutChannel { get; } = [];
    public int FailuresBeforeSuccess { get; set; }

    /// <summary>Called on every attempt after the consent check, e.g. to opt the customer out mid-delivery.</summary>
    public Action<TriggerFiring>? OnAttempt { get; set; }

    public ValueTask DeliverAsync(TriggerFiring firing, CancellationToken cancellationToken)
    {
        lock (_attempts)
        {
            Attempts.Add((firing, time.GetUtcNow()));
            if (consent is not null && consent.IsOptedOut(firing.CustomerId, firing.Channel)) ReachedOptedOutChannel.Add(firing);
            OnAttempt?.Invoke(firing);
            var n = _attempts[firing.IdempotencyKey] = _attempts.GetValueOrDefault(firing.IdempotencyKey) + 1;
            if (n <= FailuresBeforeSuccess) throw new InvalidOperationException($"sink down (attempt {n})");
            Delivered.Add(firing);
        }
        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<string> Keys => Delivered.Select(f => f.IdempotencyKey).ToList();
}
