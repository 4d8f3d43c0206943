using RetailTagging.Rfm.Segments;

namespace RetailTagging.Rfm;

/// <summary>How RFM values are computed, scored, segmented and predicted. Validate with <see cref="Validate"/>.</summary>
public sealed class RfmOptions
{
    /// <summary>Event types that count as purchases. Default: <c>purchase</c>.</summary>
    public ISet<string> PurchaseTypes { get; set; } = new HashSet<string>(StringComparer.Ordinal) { EventTypes.Purchase };

    /// <summary>Event types whose amount is money given back. Default: <c>refund</c>.</summary>
    public ISet<string> RefundTypes { get; set; } = new HashSet<string>(StringComparer.Ordinal) { EventTypes.Refund };

    /// <summary>Channels that count as online for <c>online_share</c>. Default: <c>online</c>, <c>web</c>, <c>app</c>, <c>mini_program</c>.</summary>
    public ISet<string> OnlineChannels { get; set; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "online", "web", "app", "mini_program" };

    /// <summary>What frequency counts: purchase events (orders) or distinct purchase days. Default: orders.</summary>
    public FrequencyBasis Frequency { get; set; } = FrequencyBasis.Orders;

    /// <summary>What monetary value means: total net spend or net spend per order. Default: total.</summary>
    public MonetaryBasis Monetary { get; set; } = MonetaryBasis.Total;

    /// <summary>The business time zone that decides calendar days (recency, distinct purchase days). Default: UTC.</summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>Number of quantile bins per dimension (scores 1..Bins). Default 5; the classic segment map needs 5.</summary>
    public int Bins { get; set; } = 5;

    /// <summary>
    /// Capacity of each level of the quantile sketch. Larger is more exact: with N customers the rank error of a
    /// bin edge is at most N * levels / capacity (see docs/rfm.md). Default 16384 (exact up to 16384 customers).
    /// </summary>
    public int SketchCapacity { get; set; } = 16_384;

    /// <summary>The ordered segment map; default <see cref="RfmSegmentMaps.Classic"/>.</summary>
    public RfmSegmentMap SegmentMap { get; set; } = RfmSegmentMaps.Classic;

    /// <summary>The time unit of the predictive models' inputs and parameters. Default: days.</summary>
    public RfmTimeUnit ModelTimeUnit { get; set; } = RfmTimeUnit.Days;

    /// <summary>Horizon of <c>expected_purchases_{N}d</c>. Default 90 days.</summary>
    public TimeSpan PredictionHorizon { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How far ahead the CLV looks. Default 365 days.</summary>
    public TimeSpan ClvHorizon { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Length of one discounting period of the CLV sum. Default 30 days.</summary>
    public TimeSpan ClvPeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Annual discount rate of the CLV, e.g. 0.10 for 10 %. Default 0.10.</summary>
    public double AnnualDiscountRate { get; set; } = 0.10;

    /// <summary>Share of the order value that is margin, applied to the CLV. Default 1 (CLV in revenue).</summary>
    public double ProfitMargin { get; set; } = 1.0;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(PurchaseTypes);
        ArgumentNullException.ThrowIfNull(RefundTypes);
        ArgumentNullException.ThrowIfNull(OnlineChannels);
        ArgumentNullException.ThrowIfNull(TimeZone);
        ArgumentNullException.ThrowIfNull(SegmentMap);
        if (PurchaseTypes.Count == 0)
            throw new ArgumentException("At least one purchase event type is required.", nameof(PurchaseTypes));
        if (PurchaseTypes.Overlaps(RefundTypes))
            throw new ArgumentException("An event type cannot be both a purchase and a refund.", nameof(RefundTypes));
        if (Bins is < 2 or > 100)
            throw new ArgumentException($"Bins must be between 2 and 100, not {Bins}.", nameof(Bins));
        if (SegmentMap.RequiredBins is { } required && required != Bins)
            throw new ArgumentException($"Segment map '{SegmentMap.Name}' needs {required} bins, but Bins is {Bins}.", nameof(SegmentMap));
        if (SketchCapacity is < 64 or > 1 << 24 || SketchCapacity % 2 != 0)
            throw new ArgumentException($"SketchCapacity must be an even number between 64 and 16777216, not {SketchCapacity}.", nameof(SketchCapacity));
        if (!Enum.IsDefined(Frequency) || !Enum.IsDefined(Monetary) || !Enum.IsDefined(ModelTimeUnit))
            throw new ArgumentException("Frequency, Monetary and ModelTimeUnit must be defined enum values.");
        if (PredictionHorizon <= TimeSpan.Zero || ClvHorizon <= TimeSpan.Zero || ClvPeriod <= TimeSpan.Zero)
            throw new ArgumentException("PredictionHorizon, ClvHorizon and ClvPeriod must be positive.");
        if (ClvPeriod > ClvHorizon)
            throw new ArgumentException("ClvPeriod cannot be longer than ClvHorizon.", nameof(ClvPeriod));
        if (!double.IsFinite(AnnualDiscountRate) || AnnualDiscountRate is < 0 or > 10)
            throw new ArgumentException($"AnnualDiscountRate must be between 0 and 10, not {AnnualDiscountRate}.", nameof(AnnualDiscountRate));
        if (!double.IsFinite(ProfitMargin) || ProfitMargin is <= 0 or > 1)
            throw new ArgumentException($"ProfitMargin must be in (0, 1], not {ProfitMargin}.", nameof(ProfitMargin));
    }
}
