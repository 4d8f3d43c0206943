using RetailTagging.Rfm.Calculation;
using RetailTagging.Rfm.Profiles;
using RetailTagging.Rfm.Scoring;
using RetailTagging.Rfm.Segments;

namespace RetailTagging.Rfm.Tests;

public class SegmentTests
{
    private sealed class FixedScorer(RfmScores scores) : IRfmScorer
    {
        public int Bins => 5;
        public RfmScores? Score(CustomerRfm customer) => customer.HasPurchases ? scores : null;
    }

    private static CustomerRfm Rfm(int recency, int frequency, decimal monetary) => new()
    {
        CustomerId = "c", AsOf = DateTimeOffset.UnixEpoch, AsOfDate = DateOnly.FromDateTime(DateTime.UnixEpoch),
        Orders = frequency, RecencyDays = recency, AgeDays = recency, Frequency = frequency, Monetary = monetary,
    };

    private static RfmProfile Profile(RfmScores scores, RfmSegmentMap? map = null) =>
        new RfmProfiler(new RfmCalculator(new RfmOptions { SegmentMap = map ?? RfmSegmentMaps.Classic }), new RfmModelSet(new FixedScorer(scores)))
            .Profile(Rfm(5, 3, 100m));

    [Fact]
    public void The_classic_map_partitions_the_grid_into_the_eleven_segments()
    {
        var seen = new HashSet<string>();
        for (var r = 1; r <= 5; r++)
        for (var f = 1; f <= 5; f++)
        for (var m = 1; m <= 5; m++)
        {
            var profile = Profile(new RfmScores(r, f, m));
            var matches = RfmSegmentMaps.Classic.Rules.Count(rule => rule.Predicate(profile));
            Assert.Equal(1, matches);
            seen.Add(profile.Segment!);
        }
        Assert.Equal(11, seen.Count);
        Assert.Equal(RfmSegmentMaps.Classic.SegmentNames.Order(), seen.Order());
    }

    [Theory]
    [InlineData(5, 5, 5, RfmSegmentMaps.Champions)]
    [InlineData(5, 1, 1, RfmSegmentMaps.New)]
    [InlineData(4, 1, 1, RfmSegmentMaps.Promising)]
    [InlineData(4, 1, 2, RfmSegmentMaps.PotentialLoyalist)]
    [InlineData(3, 3, 3, RfmSegmentMaps.NeedAttention)]
    [InlineData(1, 5, 4, RfmSegmentMaps.CantLose)]
    [InlineData(1, 1, 1, RfmSegmentMaps.Lost)]
    [InlineData(2, 2, 1, RfmSegmentMaps.Hibernating)]
    [InlineData(2, 4, 5, RfmSegmentMaps.AtRisk)]
    [InlineData(4, 4, 4, RfmSegmentMaps.Loyal)]
    public void Classic_cells(int r, int f, int m, string segment) => Assert.Equal(segment, Profile(new RfmScores(r, f, m)).Segment);

    [Theory]
    [InlineData(6, 5, 300, "loyal")]
    [InlineData(7, 5, 300, null)] // not under 7 days (not loyal), and 5 purchases is not 2-3 (not potential)
    [InlineData(29, 2, 10, "potential")]
    [InlineData(29, 3, 10, "potential")]
    [InlineData(30, 3, 10, null)]
    [InlineData(91, 1, 99.99, "dormant")]
    [InlineData(90, 1, 50, null)]
    [InlineData(200, 1, 100, null)]
    [InlineData(6, 5, 299.99, null)]
    public void Retailer_rules_use_the_issue_thresholds(int recency, int frequency, double monetary, string? expected)
    {
        var calculator = new RfmCalculator(new RfmOptions { SegmentMap = RfmSegmentMaps.Retailer() });
        var profile = new RfmProfiler(calculator, RfmModelSet.Empty).Profile(Rfm(recency, frequency, (decimal)monetary));
        Assert.Equal(expected, profile.Segment);
    }

    [Fact]
    public void Predicates_may_read_the_named_values_and_the_segment_still_appears_in_them()
    {
        // Expression-based maps will read ToValues() inside the predicate, before the segment is known.
        var map = new RfmSegmentMap("values", [new RfmSegmentRule("frequent", p => (decimal)p.ToValues()["frequency"]! >= 3)]);
        var profile = Profile(new RfmScores(3, 3, 3), map);
        Assert.Equal("frequent", profile.Segment);
        Assert.Equal("frequent", profile.ToValues()["segment"]);
    }

    [Fact]
    public void Rules_are_tried_in_order_and_unscored_profiles_get_no_classic_segment()
    {
        var map = new RfmSegmentMap("custom",
        [
            new RfmSegmentRule("big", p => p.Monetary >= 100),
            new RfmSegmentRule("any", _ => true),
        ]);
        Assert.Equal("big", Profile(new RfmScores(1, 1, 1), map).Segment);
        var noScores = new RfmProfiler(new RfmCalculator(new RfmOptions()), RfmModelSet.Empty).Profile(Rfm(5, 3, 100m));
        Assert.Null(noScores.Segment);
        Assert.Null(new RfmProfiler(new RfmCalculator(new RfmOptions { SegmentMap = RfmSegmentMaps.None }), RfmModelSet.Empty).Profile(Rfm(5, 3, 100m)).Segment);
    }
}
