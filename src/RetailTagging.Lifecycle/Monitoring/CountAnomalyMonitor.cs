namespace RetailTagging.Lifecycle.Monitoring;

/// <summary>
/// Watches counts per series and period (sign-ups per store per day, tag population sizes) and
/// alerts when a value moves more than a percentage from the trailing mean of the previous periods.
/// Feed each series' periods in order. Thread-safe.
/// </summary>
public sealed class CountAnomalyMonitor
{
    private readonly AnomalyMonitorOptions _options;
    private readonly Dictionary<string, Queue<double>> _history = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Creates a monitor; the options are validated.</summary>
    public CountAnomalyMonitor(AnomalyMonitorOptions? options = null)
    {
        _options = options ?? new AnomalyMonitorOptions();
        _options.Validate();
    }

    /// <summary>Records the value of <paramref name="series"/> for <paramref name="period"/>; returns an alert when it is anomalous.</summary>
    public AnomalyAlert? Observe(string series, string period, double value)
    {
        ArgumentException.ThrowIfNullOrEmpty(series);
        ArgumentNullException.ThrowIfNull(period);
        if (!double.IsFinite(value) || value < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "A count must be a finite, non-negative number.");
        lock (_gate)
        {
            if (!_history.TryGetValue(series, out var previous)) _history[series] = previous = new Queue<double>(_options.BaselinePeriods);
            AnomalyAlert? alert = null;
            if (previous.Count >= _options.MinimumPeriods)
            {
                var baseline = previous.Average();
                if (baseline >= _options.MinimumBaseline)
                {
                    var change = (value - baseline) / baseline * 100;
                    if (Math.Abs(change) > _options.ThresholdPercent) alert = new AnomalyAlert(series, period, value, baseline, change);
                }
            }
            previous.Enqueue(value);
            if (previous.Count > _options.BaselinePeriods) previous.Dequeue();
            return alert;
        }
    }

    /// <summary>Observes every series of one period, e.g. the tag population sizes of today; returns the alerts.</summary>
    public IReadOnlyList<AnomalyAlert> ObserveAll(string period, IEnumerable<KeyValuePair<string, double>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var alerts = new List<AnomalyAlert>();
        foreach (var (series, value) in values)
            if (Observe(series, period, value) is { } alert) alerts.Add(alert);
        return alerts;
    }
}
