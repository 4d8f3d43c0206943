using RetailTagging.Rfm.Calculation;
using RetailTagging.Rfm.Scoring;

namespace RetailTagging.Rfm.Profiles;

/// <summary>
/// Everything RFM knows about one customer as of an instant: raw values, scores, segment, preferences, cycle and
/// predictions. Missing values are null (no purchases, no fitted model, a numerical failure), never NaN.
/// Built by <see cref="RfmProfiler"/>; exposed to the tag language through <see cref="ToValues"/>.
/// </summary>
public sealed class RfmProfile
{
    private IReadOnlyDictionary<string, object?>? _values;
    private string? _segment;

    internal RfmProfile(CustomerRfm summary, RfmScores? scores, TimeSpan predictionHorizon)
    {
        Summary = summary;
        Scores = scores;
        PredictionHorizon = predictionHorizon;
    }

    /// <summary>The raw RFM summary the profile was built from.</summary>
    public CustomerRfm Summary { get; }

    /// <summary>The customer's id.</summary>
    public string CustomerId => Summary.CustomerId;

    /// <summary>The as-of instant.</summary>
    public DateTimeOffset AsOf => Summary.AsOf;

    /// <summary>The scores, or null without purchases or without a scorer.</summary>
    public RfmScores? Scores { get; }

    /// <summary>Recency score.</summary>
    public int? RScore => Scores?.R;

    /// <summary>Frequency score.</summary>
    public int? FScore => Scores?.F;

    /// <summary>Monetary score.</summary>
    public int? MScore => Scores?.M;

    /// <summary>Combined frequency-monetary score, (F + M) / 2 rounded half up.</summary>
    public int? FmScore => Scores?.FM;

    /// <summary>The segment of the configured map, or null when no rule matched (always null while the map is classifying).</summary>
    public string? Segment
    {
        get => _segment;
        internal set
        {
            _segment = value;
            _values = null; // a predicate may have read the values before the segment was known
        }
    }

    /// <summary>Days since the last purchase.</summary>
    public int? RecencyDays => Summary.RecencyDays;

    /// <summary>Frequency.</summary>
    public int Frequency => Summary.Frequency;

    /// <summary>Monetary value.</summary>
    public decimal Monetary => Summary.Monetary;

    /// <summary>Top category by spend.</summary>
    public string? TopCategory => Summary.TopCategory;

    /// <summary>Share of orders placed online.</summary>
    public decimal? OnlineShare => Summary.OnlineShare;

    /// <summary>Mean days between purchase days.</summary>
    public decimal? CycleDays => Summary.CycleDays;

    /// <summary>Expected next purchase.</summary>
    public DateTimeOffset? NextPurchaseAt => Summary.NextPurchaseAt;

    /// <summary>Horizon of <see cref="ExpectedPurchases"/>.</summary>
    public TimeSpan PredictionHorizon { get; }

    /// <summary>BG/NBD probability alive, in [0, 1].</summary>
    public decimal? PAlive { get; internal init; }

    /// <summary>BG/NBD expected purchases in <see cref="PredictionHorizon"/>.</summary>
    public decimal? ExpectedPurchases { get; internal init; }

    /// <summary>Gamma-Gamma expected average order value.</summary>
    public decimal? ExpectedAov { get; internal init; }

    /// <summary>Discounted CLV over the configured horizon.</summary>
    public decimal? Clv { get; internal init; }

    /// <summary>
    /// The profile as named values (<see cref="RfmValueNames"/>): numbers as <see cref="decimal"/>, text as
    /// <see cref="string"/>, instants as <see cref="DateTimeOffset"/>, missing values as null. Cached.
    /// </summary>
    public IReadOnlyDictionary<string, object?> ToValues() => _values ??= new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        [RfmValueNames.RScore] = (decimal?)RScore,
        [RfmValueNames.FScore] = (decimal?)FScore,
        [RfmValueNames.MScore] = (decimal?)MScore,
        [RfmValueNames.FmScore] = (decimal?)FmScore,
        [RfmValueNames.Segment] = Segment,
        [RfmValueNames.RecencyDays] = (decimal?)RecencyDays,
        [RfmValueNames.Frequency] = (decimal)Frequency,
        [RfmValueNames.Monetary] = Monetary,
        [RfmValueNames.TopCategory] = TopCategory,
        [RfmValueNames.TopCategoryShare] = Summary.TopCategoryShare,
        [RfmValueNames.OnlineShare] = OnlineShare,
        [RfmValueNames.CycleDays] = CycleDays,
        [RfmValueNames.NextPurchaseAt] = NextPurchaseAt,
        [RfmValueNames.PAlive] = PAlive,
        [RfmValueNames.ExpectedPurchases(PredictionHorizon)] = ExpectedPurchases,
        [RfmValueNames.ExpectedAov] = ExpectedAov,
        [RfmValueNames.Clv] = Clv,
    };
}
