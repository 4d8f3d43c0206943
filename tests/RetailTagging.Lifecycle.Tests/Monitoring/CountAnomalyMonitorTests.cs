using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Lifecycle.Monitoring;

namespace RetailTagging.Lifecycle.Tests.Monitoring;

public sealed class CountAnomalyMonitorTests
{
    [Fact]
    public void A_store_whose_sign_ups_halve_raises_a_drop_alert()
    {
        var monitor = new CountAnomalyMonitor(new AnomalyMonitorOptions { BaselinePeriods = 7, MinimumPeriods = 3, ThresholdPercent = 40 });
        foreach (var (day, value) in new[] { ("d1", 40.0), ("d2", 44), ("d3", 36), ("d4", 40) })
            Assert.Null(monitor.Observe("sign_ups:store-12", day, value));
        var alert = monitor.Observe("sign_ups:store-12", "d5", 20);
        Assert.NotNull(alert);
        Assert.True(alert.IsDrop);
        Assert.Equal(40, alert.Baseline, 6);
        Assert.Equal(-50, alert.ChangePercent, 6);
        // Another store's series is independent.
        Assert.Null(monitor.Observe("sign_ups:store-13", "d5", 20));
    }

    [Fact]
    public void No_alert_before_the_minimum_periods_nor_for_baselines_below_the_minimum()
    {
        var monitor = new CountAnomalyMonitor(new AnomalyMonitorOptions { MinimumPeriods = 2, MinimumBaseline = 5 });
        Assert.Null(monitor.Observe("s", "1", 10));
        Assert.Null(monitor.Observe("s", "2", 100));
        Assert.NotNull(monitor.Observe("s", "3", 300));
        var small = new CountAnomalyMonitor(new AnomalyMonitorOptions { MinimumPeriods = 1, MinimumBaseline = 5 });
        small.Observe("t", "1", 2);
        Assert.Null(small.Observe("t", "2", 40));
    }

    [Fact]
    public void Tag_population_sizes_are_watched_together()
    {
        var monitor = new CountAnomalyMonitor(new AnomalyMonitorOptions { MinimumPeriods = 1, ThresholdPercent = 50 });
        monitor.ObserveAll("d1", [new("tag:vip", 100), new("tag:dormant", 50)]);
        var alerts = monitor.ObserveAll("d2", [new("tag:vip", 101), new("tag:dormant", 120)]);
        var alert = Assert.Single(alerts);
        Assert.Equal(("tag:dormant", false), (alert.Series, alert.IsDrop));
    }

    [Fact]
    public void Invalid_options_and_values_are_argument_errors()
    {
        Assert.Throws<ArgumentException>(() => new CountAnomalyMonitor(new AnomalyMonitorOptions { ThresholdPercent = 0 }));
        Assert.Throws<ArgumentException>(() => new CountAnomalyMonitor(new AnomalyMonitorOptions { MinimumPeriods = 9, BaselinePeriods = 7 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CountAnomalyMonitor().Observe("s", "1", double.NaN));
    }

    [Property(MaxTest = 200)]
    public Property A_constant_series_never_alerts_and_scaling_keeps_the_alert_decision(PositiveInt level, NonEmptyArray<PositiveInt> values, PositiveInt factor)
    {
        var constant = new CountAnomalyMonitor(new AnomalyMonitorOptions { MinimumPeriods = 1 });
        var quiet = Enumerable.Range(0, 20).All(i => constant.Observe("s", i.ToString(System.Globalization.CultureInfo.InvariantCulture), level.Get) is null);
        // Percent change is scale-free: multiplying the series (and the minimum baseline) by k alerts on the same periods.
        // k is a power of two so the scaling is exact in floating point (values exactly at the threshold stay exact).
        var k = Math.Pow(2, factor.Get % 10);
        var a = new CountAnomalyMonitor(new AnomalyMonitorOptions { MinimumPeriods = 1 });
        var b = new CountAnomalyMonitor(new AnomalyMonitorOptions { MinimumPeriods = 1, MinimumBaseline = k });
        var same = values.Get.Select((v, i) => (a.Observe("s", $"{i}", v.Get) is null) == (b.Observe("s", $"{i}", v.Get * k) is null)).All(x => x);
        return (quiet && same).ToProperty();
    }
}
