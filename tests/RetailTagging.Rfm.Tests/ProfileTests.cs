using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RetailTagging.Rfm.Batch;
using RetailTagging.Rfm.Calculation;
using RetailTagging.Rfm.Grid;
using RetailTagging.Rfm.Prediction;
using RetailTagging.Rfm.Profiles;
using RetailTagging.Rfm.Scoring;
using static RetailTagging.Rfm.Tests.Events;

namespace RetailTagging.Rfm.Tests;

public class ProfileTests
{
    private static readonly BgNbdParameters Bg = new(0.243, 4.414, 0.793, 2.426, RfmTimeUnit.Weeks);
    private static readonly GammaGammaParameters Gg = new(6.25, 3.74, 15.44);
    private static readonly DateTimeOffset AsOf = Day(100, hour: 23);

    private static RfmProfiler Profiler(RfmOptions? options = null) =>
        new(new RfmCalculator(options ?? new RfmOptions()), new RfmModelSet(RfmThresholdScorer.RetailerDefault, Bg, Gg));

    [Fact]
    public void Values_expose_every_name_with_engine_friendly_types()
    {
        var profile = Profiler().Profile("c1", [Purchase(1, 120m, "dairy", "online"), Purchase(50, 80m, "toys", "pos"), Purchase(90, 60m, "dairy", "pos")], AsOf);
        var values = profile.ToValues();

        Assert.Equal(RfmValueNames.All(new RfmOptions()).Order(), values.Keys.Order());
        Assert.Contains("expected_purchases_90d", values.Keys);
        foreach (var (name, value) in values)
            Assert.True(value is null or decimal or string or DateTimeOffset, $"{name} is {value?.GetType().Name}");
        Assert.Equal(10m, values["recency_days"]);
        Assert.Equal(3m, values["frequency"]);
        Assert.Equal(260m, values["monetary"]);
        Assert.Equal("dairy", values["top_category"]);
        Assert.Equal(44.5m, values["cycle_days"]);
        Assert.IsType<DateTimeOffset>(values["next_purchase_at"]);

        // Predictions agree with the model functions on the customer's (x, t_x, T) in weeks.
        var observation = new BtydObservation(2, 89 / 7.0, 99 / 7.0);
        Assert.Equal(Math.Round((decimal)BgNbdModel.ProbabilityAlive(Bg, observation), 6), profile.PAlive);
        Assert.Equal(Math.Round((decimal)BgNbdModel.ExpectedPurchases(Bg, observation, 90 / 7.0)!.Value, 6), profile.ExpectedPurchases);
        Assert.Equal(Math.Round((decimal)GammaGammaModel.ExpectedAverageValue(Gg, 2, 70)!.Value, 4), profile.ExpectedAov);
        Assert.True(profile.Clv > 0);
    }

    [Fact]
    public void Clv_is_the_discounted_sum_of_expected_purchases_times_value()
    {
        var options = new RfmOptions { ClvHorizon = TimeSpan.FromDays(60), ClvPeriod = TimeSpan.FromDays(30), AnnualDiscountRate = 0.12, ProfitMargin = 0.5 };
        var profile = Profiler(options).Profile("c1", [Purchase(1, 100m), Purchase(80, 50m)], AsOf);
        var observation = new BtydObservation(1, 79 / 7.0, 99 / 7.0);
        var e1 = BgNbdModel.ExpectedPurchases(Bg, observation, 30 / 7.0)!.Value;
        var e2 = BgNbdModel.ExpectedPurchases(Bg, observation, 60 / 7.0)!.Value;
        var d = Math.Pow(1.12, 30 / 365.0) - 1;
        var aov = GammaGammaModel.ExpectedAverageValue(Gg, 1, 50)!.Value;
        var expected = 0.5 * aov * (e1 / (1 + d) + (e2 - e1) / Math.Pow(1 + d, 2));
        Assert.Equal((double)profile.Clv!.Value, expected, 1e-3);
    }

    [Fact]
    public void A_customer_without_purchases_has_nulls_not_NaN()
    {
        var values = Profiler().Profile("c1", [Other(3, EventTypes.PageView)], AsOf).ToValues();
        Assert.Null(values["r_score"]);
        Assert.Null(values["segment"]);
        Assert.Null(values["p_alive"]);
        Assert.Null(values["clv"]);
        Assert.Null(values["recency_days"]);
        Assert.Equal(0m, values["frequency"]);
    }

    [Fact]
    public void The_grid_counts_and_averages_and_renders_text_and_svg()
    {
        var grid = new RfmGrid(5);
        grid.Add(new RfmScores(5, 1, 2), 10m);
        grid.Add(new RfmScores(5, 1, 3), 30m);
        grid.Add(new RfmScores(1, 5, 5), 7m);
        Assert.Equal(3, grid.Total);
        Assert.Equal(new RfmGridCell(2, 40m), grid[5, 1]);
        Assert.Equal(20m, grid[5, 1].AverageMonetary);
        Assert.Null(grid[3, 3].AverageMonetary);

        var text = RfmGridRenderer.ToText(grid);
        Assert.Contains("2 / 20.00", text);
        Assert.Contains("1 / 7.00", text);
        Assert.True(text.IndexOf("R=5", StringComparison.Ordinal) < text.IndexOf("R=1", StringComparison.Ordinal));

        var svg = XDocument.Parse(RfmGridRenderer.ToSvg(grid, "Q1 <test>"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(25, svg.Descendants(ns + "rect").Count());
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "avg 20.00");
        Assert.Equal("Q1 <test>", svg.Root!.Element(ns + "title")!.Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => grid.Add(new RfmScores(6, 1, 1), 1m));
    }

    private static List<RfmHistory> Population(int count)
    {
        var random = new Random(3);
        return Enumerable.Range(0, count).Select(i =>
        {
            var id = $"c{i}";
            var events = Enumerable.Range(0, random.Next(0, 8))
                .Select(k => (CustomerEvent)new CustomerEvent($"{id}-{k}", id, EventTypes.Purchase, Day(random.Next(1, 100))) { Amount = random.Next(1, 500) })
                .ToList();
            return new RfmHistory(id, events);
        }).ToList();
    }

    [Fact]
    public void The_batch_is_deterministic_and_equals_one_by_one_profiling()
    {
        var calculator = new RfmCalculator(new RfmOptions { SketchCapacity = 64 });
        var source = Population(3000);
        var serial = new RfmBatch(calculator, chunkSize: 100, maxDegreeOfParallelism: 1);
        var parallel = new RfmBatch(calculator, chunkSize: 37, maxDegreeOfParallelism: 4);
        long progress = 0;
        var scorer = serial.FitScorer(source, AsOf, new Progress<long>(n => Interlocked.Exchange(ref progress, n)));
        var scorer2 = parallel.FitScorer(source, AsOf);
        Assert.Equal(scorer.Recency.Edges, scorer2.Recency.Edges);
        Assert.Equal(scorer.Monetary.Edges, scorer2.Monetary.Edges);

        var profiler = new RfmProfiler(calculator, new RfmModelSet(scorer));
        var batch = parallel.Profile(source, AsOf, profiler).ToList();
        var direct = source.Select(h => profiler.Profile(h.CustomerId, h.Events, AsOf)).ToList();
        Assert.Equal(direct.Select(p => (p.CustomerId, p.Scores, p.Segment)), batch.Select(p => (p.CustomerId, p.Scores, p.Segment)));
        var (grid, segments) = RfmBatch.Summarize(batch, 5);
        Assert.Equal(batch.Count(p => p.Scores is not null), grid.Total);
        Assert.Equal(grid.Total, segments.Values.Sum());
    }

    [Fact]
    public void AddRfmScoring_wires_the_services_with_the_host_clock()
    {
        var clock = new FakeTimeProvider(Day(31, hour: 23));
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddRfmScoring(o => o.PredictionHorizon = TimeSpan.FromDays(30), new RfmModelSet(RfmThresholdScorer.RetailerDefault));
        using var provider = services.BuildServiceProvider();
        var service = provider.GetRequiredService<RfmProfileService>();

        var values = service.Values("c1", [Purchase(1, 50m), Purchase(30, 400m), Purchase(28, 10m), Purchase(25, 10m), Purchase(20, 10m)]);
        Assert.Equal(1m, values["recency_days"]);
        Assert.Contains("expected_purchases_30d", values.Keys);
        Assert.Null(values["p_alive"]);

        var store = provider.GetRequiredService<RfmModelStore>();
        store.Update(new RfmModelSet(RfmThresholdScorer.RetailerDefault, Bg, Gg));
        Assert.NotNull(service.Values("c1", [Purchase(1, 50m), Purchase(30, 400m)])["p_alive"]);
        clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(11m, service.Values("c1", [Purchase(30, 400m)])["recency_days"]);
        Assert.Same(provider.GetRequiredService<RfmBatch>(), provider.GetRequiredService<RfmBatch>());
    }

    [Fact]
    public void Invalid_options_surface_when_the_services_are_resolved()
    {
        using var provider = new ServiceCollection().AddRfmScoring(o => o.Bins = 0).BuildServiceProvider();
        Assert.Throws<ArgumentException>(() => provider.GetRequiredService<RfmProfileService>());
    }
}
