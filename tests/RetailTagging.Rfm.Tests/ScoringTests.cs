using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Rfm.Calculation;
using RetailTagging.Rfm.Scoring;

namespace RetailTagging.Rfm.Tests;

public class ScoringTests
{
    private static CustomerRfm Rfm(int? recency, int frequency, decimal monetary, string id = "c") => new()
    {
        CustomerId = id, AsOf = DateTimeOffset.UnixEpoch, AsOfDate = DateOnly.FromDateTime(DateTime.UnixEpoch),
        RecencyDays = recency, AgeDays = recency, Orders = recency is null ? 0 : Math.Max(1, frequency),
        Frequency = frequency, Monetary = monetary,
    };

    [Fact]
    public void Distinct_values_fill_equal_bins_and_recency_is_reversed()
    {
        var population = Enumerable.Range(1, 100).Select(i => Rfm(i, i, i)).ToList();
        var scorer = RfmQuantileScorer.Fit(population);
        var scores = population.Select(c => scorer.Score(c)!.Value).ToList();
        for (var s = 1; s <= 5; s++)
        {
            Assert.Equal(20, scores.Count(x => x.F == s));
            Assert.Equal(20, scores.Count(x => x.M == s));
            Assert.Equal(20, scores.Count(x => x.R == s));
        }
        Assert.Equal(new RfmScores(5, 1, 1), scorer.Score(population[0]));   // most recent, least frequent
        Assert.Equal(new RfmScores(1, 5, 5), scorer.Score(population[99]));
        Assert.Equal(0, scorer.MaxRankError);
    }

    [Fact]
    public void Ties_share_a_score_and_a_value_on_an_edge_takes_the_lower_bin()
    {
        // 60 % bought once: the 20/40/60 % edges are all 1, so frequency 1 scores 1 and frequency 2 jumps to 4.
        var population = Enumerable.Range(0, 100).Select(i => Rfm(10, i < 60 ? 1 : i < 80 ? 2 : 3 + i, 50m)).ToList();
        var scorer = RfmQuantileScorer.Fit(population);
        Assert.Equal([1.0, 1.0, 1.0, 2.0], scorer.Frequency.Edges);
        Assert.Equal(1, scorer.Score(Rfm(10, 1, 50m))!.Value.F);
        Assert.Equal(4, scorer.Score(Rfm(10, 2, 50m))!.Value.F);
        Assert.Equal(5, scorer.Score(Rfm(10, 3, 50m))!.Value.F);
        // Everyone has the same recency and monetary value: all in one bin, no arbitrary split.
        Assert.Single(population.Select(c => scorer.Score(c)!.Value.R).Distinct());
        Assert.Single(population.Select(c => scorer.Score(c)!.Value.M).Distinct());
    }

    [Property(MaxTest = 100)]
    public Property Scores_are_in_range_monotone_and_order_independent()
    {
        var gen = from values in Gen.Choose(0, 60).Two().ArrayOf()
                  where values.Length > 0
                  from seed in Gen.Choose(0, 999)
                  select (values, seed);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var population = input.values.Select((v, i) => Rfm(v.Item1, v.Item2, v.Item1 * 3 + v.Item2, $"c{i}")).ToList();
            var shuffled = population.OrderBy(_ => new Random(input.seed).Next()).ToList();
            var scorer = RfmQuantileScorer.Fit(population);
            var other = RfmQuantileScorer.Fit(shuffled);
            var byFrequency = population.OrderBy(c => c.Frequency).Select(c => scorer.Score(c)!.Value.F).ToList();
            var byRecency = population.OrderBy(c => c.RecencyDays).Select(c => scorer.Score(c)!.Value.R).ToList();
            return population.All(c => scorer.Score(c) is { } s && s.R is >= 1 and <= 5 && s.F is >= 1 and <= 5 && s.M is >= 1 and <= 5
                                        && other.Score(c) == s)
                && byFrequency.Zip(byFrequency.Skip(1)).All(p => p.First <= p.Second)
                && byRecency.Zip(byRecency.Skip(1)).All(p => p.First >= p.Second);
        });
    }

    [Fact]
    public void Customers_without_purchases_are_not_scored()
    {
        var scorer = RfmQuantileScorer.Fit([Rfm(1, 1, 1m), Rfm(null, 0, 0m)]);
        Assert.Equal(1, scorer.Population);
        Assert.Null(scorer.Score(Rfm(null, 0, 0m)));
        Assert.Throws<InvalidOperationException>(() => RfmQuantileScorer.Fit([Rfm(null, 0, 0m)]));
    }

    [Fact]
    public void Builders_merge_into_the_same_scorer_as_one_pass()
    {
        var population = Enumerable.Range(0, 300).Select(i => Rfm(i % 97, i % 13, i % 41)).ToList();
        var whole = RfmQuantileScorer.Fit(population, sketchCapacity: 64);
        var left = new RfmQuantileScorerBuilder(5, 64);
        var right = new RfmQuantileScorerBuilder(5, 64);
        population.Take(150).ToList().ForEach(left.Add);
        population.Skip(150).ToList().ForEach(right.Add);
        left.Merge(right);
        var merged = left.Build();
        Assert.Equal(300, merged.Population);
        // Both are within their proven bound of the exact edges.
        var exact = RfmQuantileScorer.Fit(population);
        foreach (var scorer in new[] { whole, merged })
        {
            var sorted = population.Select(c => (double)c.Frequency).Order().ToList();
            foreach (var (edge, exactEdge) in scorer.Frequency.Edges.Zip(exact.Frequency.Edges))
            {
                var rankOfExact = sorted.Count(v => v <= exactEdge);
                Assert.InRange(sorted.Count(v => v < edge) + 1, 1, rankOfExact + scorer.MaxRankError);
            }
        }
    }

    [Fact]
    public void Threshold_scores_follow_the_stated_edges()
    {
        var scorer = RfmThresholdScorer.RetailerDefault;
        Assert.Equal(new RfmScores(5, 1, 1), scorer.Score(Rfm(6, 1, 99.99m)));
        Assert.Equal(new RfmScores(4, 2, 2), scorer.Score(Rfm(7, 2, 100m)));
        Assert.Equal(new RfmScores(1, 5, 5), scorer.Score(Rfm(180, 10, 3000m)));
        Assert.Equal(new RfmScores(2, 4, 3), scorer.Score(Rfm(179, 9, 999m)));
        Assert.Throws<ArgumentException>(() => new RfmThresholdScorer([30, 7], [1, 2], [1m, 2m]));
        Assert.Throws<ArgumentException>(() => new RfmThresholdScorer([7], [1, 2], [1m, 2m]));
    }

    [Fact]
    public void Score_edges_validate_and_score_both_directions()
    {
        var up = new ScoreEdges([10, 20], lowerIsBetter: false);
        var down = new ScoreEdges([10, 20], lowerIsBetter: true);
        Assert.Equal([1, 1, 2, 3], new[] { 5.0, 10, 15, 25 }.Select(up.Score));
        Assert.Equal([3, 2, 2, 1], new[] { 5.0, 10, 15, 25 }.Select(down.Score));
        Assert.Throws<ArgumentException>(() => new ScoreEdges([2, 1], false));
        Assert.Throws<ArgumentException>(() => new ScoreEdges([double.NaN], false));
        Assert.Equal("545", new RfmScores(5, 4, 5).ToString());
        Assert.Equal(5, new RfmScores(5, 4, 5).FM);
        Assert.Equal(3, new RfmScores(1, 2, 3).FM);
    }
}
