namespace RetailTagging.Rfm.Profiles;

/// <summary>The names under which <see cref="RfmProfile.ToValues"/> exposes a profile to the tag language.</summary>
public static class RfmValueNames
{
    /// <summary>Recency score (int as decimal).</summary>
    public const string RScore = "r_score";
    /// <summary>Frequency score.</summary>
    public const string FScore = "f_score";
    /// <summary>Monetary score.</summary>
    public const string MScore = "m_score";
    /// <summary>Combined frequency-monetary score.</summary>
    public const string FmScore = "fm_score";
    /// <summary>Segment name (string).</summary>
    public const string Segment = "segment";
    /// <summary>Days since the last purchase.</summary>
    public const string RecencyDays = "recency_days";
    /// <summary>Frequency.</summary>
    public const string Frequency = "frequency";
    /// <summary>Monetary value.</summary>
    public const string Monetary = "monetary";
    /// <summary>Top category by spend (string).</summary>
    public const string TopCategory = "top_category";
    /// <summary>Share of spend in the top category.</summary>
    public const string TopCategoryShare = "top_category_share";
    /// <summary>Share of orders placed online.</summary>
    public const string OnlineShare = "online_share";
    /// <summary>Mean days between purchase days.</summary>
    public const string CycleDays = "cycle_days";
    /// <summary>Expected next purchase instant (DateTimeOffset).</summary>
    public const string NextPurchaseAt = "next_purchase_at";
    /// <summary>BG/NBD probability that the customer is still active.</summary>
    public const string PAlive = "p_alive";
    /// <summary>Gamma-Gamma expected average order value.</summary>
    public const string ExpectedAov = "expected_aov";
    /// <summary>Discounted customer lifetime value over the CLV horizon.</summary>
    public const string Clv = "clv";

    /// <summary>The name of expected purchases over a horizon, e.g. <c>expected_purchases_90d</c>.</summary>
    public static string ExpectedPurchases(TimeSpan horizon) =>
        $"expected_purchases_{Math.Round(horizon.TotalDays).ToString(System.Globalization.CultureInfo.InvariantCulture)}d";

    /// <summary>Every name a profile exposes with these options, in a stable order.</summary>
    public static IReadOnlyList<string> All(RfmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [RScore, FScore, MScore, FmScore, Segment, RecencyDays, Frequency, Monetary, TopCategory, TopCategoryShare,
            OnlineShare, CycleDays, NextPurchaseAt, PAlive, ExpectedPurchases(options.PredictionHorizon), ExpectedAov, Clv];
    }
}
