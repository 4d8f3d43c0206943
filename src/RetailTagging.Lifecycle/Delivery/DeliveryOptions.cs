namespace RetailTagging.Lifecycle;

/// <summary>Retries: attempt n failing waits <c>min(InitialBackoff * 2^(n-1), MaxBackoff)</c> before attempt n+1.</summary>
public sealed record DeliveryOptions
{
    /// <summary>Attempts before a firing is dead-lettered (1 to 100). Default 5.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The wait after the first failure. Default 1 second.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait. Default 5 minutes.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (from 1).</summary>
    public TimeSpan BackoffAfter(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var ticks = InitialBackoff.Ticks * Math.Pow(2, Math.Min(attempt - 1, 40));
        return ticks >= MaxBackoff.Ticks ? MaxBackoff : TimeSpan.FromTicks((long)ticks);
    }

    internal void Validate()
    {
        if (MaxAttempts is < 1 or > 100) throw new ArgumentException("Delivery.MaxAttempts must be between 1 and 100.");
        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff) throw new ArgumentException("Delivery backoffs must be positive with MaxBackoff >= InitialBackoff.");
    }
}
