namespace RetailTagging.Rfm.Segments;

/// <summary>Built-in segment maps.</summary>
public static class RfmSegmentMaps
{
    /// <summary>Champions.</summary>
    public const string Champions = "Champions";
    /// <summary>Loyal.</summary>
    public const string Loyal = "Loyal";
    /// <summary>Potential Loyalist.</summary>
    public const string PotentialLoyalist = "Potential Loyalist";
    /// <summary>New.</summary>
    public const string New = "New";
    /// <summary>Promising.</summary>
    public const string Promising = "Promising";
    /// <summary>Need Attention.</summary>
    public const string NeedAttention = "Need Attention";
    /// <summary>About to Sleep.</summary>
    public const string AboutToSleep = "About to Sleep";
    /// <summary>At Risk.</summary>
    public const string AtRisk = "At Risk";
    /// <summary>Can't Lose.</summary>
    public const string CantLose = "Can't Lose";
    /// <summary>Hibernating.</summary>
    public const string Hibernating = "Hibernating";
    /// <summary>Lost.</summary>
    public const string Lost = "Lost";

    /// <summary>
    /// The classic eleven named segments over the recency score (rows) and the FM score (columns), 5 bins. The rules
    /// partition the 5 x 5 grid, so every scored customer gets exactly one segment:
    /// <code>
    /// R\FM  1               2                   3                   4          5
    ///  5    New             Potential Loyalist  Potential Loyalist  Champions  Champions
    ///  4    Promising       Potential Loyalist  Potential Loyalist  Loyal      Loyal
    ///  3    About to Sleep  About to Sleep      Need Attention      Loyal      Loyal
    ///  2    Hibernating     Hibernating         At Risk             At Risk    At Risk
    ///  1    Lost            Lost                At Risk             Can't Lose Can't Lose
    /// </code>
    /// </summary>
    public static RfmSegmentMap Classic { get; } = new("classic",
    [
        RfmSegmentRule.ScoreRange(Champions, 5, 5, 4, 5),
        RfmSegmentRule.ScoreRange(Loyal, 3, 4, 4, 5),
        RfmSegmentRule.ScoreRange(PotentialLoyalist, 4, 5, 2, 3),
        RfmSegmentRule.ScoreRange(New, 5, 5, 1, 1),
        RfmSegmentRule.ScoreRange(Promising, 4, 4, 1, 1),
        RfmSegmentRule.ScoreRange(NeedAttention, 3, 3, 3, 3),
        RfmSegmentRule.ScoreRange(AboutToSleep, 3, 3, 1, 2),
        RfmSegmentRule.ScoreRange(CantLose, 1, 1, 4, 5),
        RfmSegmentRule.ScoreRange(AtRisk, 2, 2, 3, 5),
        RfmSegmentRule.ScoreRange(AtRisk, 1, 1, 3, 3),
        RfmSegmentRule.ScoreRange(Hibernating, 2, 2, 1, 2),
        RfmSegmentRule.ScoreRange(Lost, 1, 1, 1, 2),
    ], requiredBins: 5);

    /// <summary>No segments: every profile's segment is null (for scores without a map, or bins other than 5).</summary>
    public static RfmSegmentMap None { get; } = new("none", []);

    /// <summary>The retailer's fixed-threshold rules on raw values, in order loyal, potential, dormant; others get no segment.</summary>
    public static RfmSegmentMap Retailer(RetailerSegmentThresholds? thresholds = null)
    {
        var t = thresholds ?? new RetailerSegmentThresholds();
        return new RfmSegmentMap("retailer",
        [
            new RfmSegmentRule("loyal",
                p => p.RecencyDays < t.LoyalRecencyUnderDays && p.Frequency >= t.LoyalMinFrequency && p.Monetary >= t.LoyalMinMonetary,
                $"recency < {t.LoyalRecencyUnderDays}d, frequency >= {t.LoyalMinFrequency}, monetary >= {t.LoyalMinMonetary}"),
            new RfmSegmentRule("potential",
                p => p.RecencyDays < t.PotentialRecencyUnderDays && p.Frequency >= t.PotentialMinFrequency && p.Frequency <= t.PotentialMaxFrequency,
                $"recency < {t.PotentialRecencyUnderDays}d, frequency {t.PotentialMinFrequency}-{t.PotentialMaxFrequency}"),
            new RfmSegmentRule("dormant",
                p => p.RecencyDays > t.DormantRecencyOverDays && p.Frequency == t.DormantFrequency && p.Monetary < t.DormantMonetaryUnder,
                $"recency > {t.DormantRecencyOverDays}d, frequency = {t.DormantFrequency}, monetary < {t.DormantMonetaryUnder}"),
        ]);
    }
}
