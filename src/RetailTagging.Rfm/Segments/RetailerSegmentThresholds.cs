namespace RetailTagging.Rfm.Segments;

/// <summary>
/// The retailer's absolute rules (issue 6): loyal = last purchase under 7 days, 5 or more purchases, 300 or more
/// spent; potential = under 30 days, 2 to 3 purchases; dormant = over 90 days, exactly 1 purchase, under 100 spent.
/// "Purchases" is <see cref="RfmOptions.Frequency"/>, "spent" is <see cref="RfmOptions.Monetary"/>.
/// </summary>
public sealed record RetailerSegmentThresholds
{
    /// <summary>Loyal: recency strictly below this many days.</summary>
    public int LoyalRecencyUnderDays { get; init; } = 7;
    /// <summary>Loyal: at least this frequency.</summary>
    public int LoyalMinFrequency { get; init; } = 5;
    /// <summary>Loyal: at least this monetary value.</summary>
    public decimal LoyalMinMonetary { get; init; } = 300m;
    /// <summary>Potential: recency strictly below this many days.</summary>
    public int PotentialRecencyUnderDays { get; init; } = 30;
    /// <summary>Potential: at least this frequency.</summary>
    public int PotentialMinFrequency { get; init; } = 2;
    /// <summary>Potential: at most this frequency.</summary>
    public int PotentialMaxFrequency { get; init; } = 3;
    /// <summary>Dormant: recency strictly above this many days.</summary>
    public int DormantRecencyOverDays { get; init; } = 90;
    /// <summary>Dormant: exactly this frequency.</summary>
    public int DormantFrequency { get; init; } = 1;
    /// <summary>Dormant: monetary value strictly below this.</summary>
    public decimal DormantMonetaryUnder { get; init; } = 100m;
}
