namespace RetailTagging.Lifecycle.Monitoring;

/// <summary>When a count is anomalous against its baseline.</summary>
public sealed record AnomalyMonitorOptions
{
    /// <summary>The baseline is the mean of up to this many previous periods. Default 7.</summary>
    public int BaselinePeriods { get; init; } = 7;

    /// <summary>Periods needed before any alert. Default 3.</summary>
    public int MinimumPeriods { get; init; } = 3;

    /// <summary>Alert when the value moves more than this percentage from the baseline, either way. Default 50.</summary>
    public double ThresholdPercent { get; init; } = 50;

    /// <summary>Baselines below this are too small to judge (no alert). Default 1.</summary>
    public double MinimumBaseline { get; init; } = 1;

    internal void Validate()
    {
        if (BaselinePeriods < 1) throw new ArgumentException("BaselinePeriods must be at least 1.");
        if (MinimumPeriods < 1 || MinimumPeriods > BaselinePeriods) throw new ArgumentException("MinimumPeriods must be between 1 and BaselinePeriods.");
        if (!(ThresholdPercent > 0) || double.IsInfinity(ThresholdPercent)) throw new ArgumentException("ThresholdPercent must be a positive number.");
        if (!(MinimumBaseline > 0) || double.IsInfinity(MinimumBaseline)) throw new ArgumentException("MinimumBaseline must be a positive number.");
    }
}
