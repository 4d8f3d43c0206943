namespace RetailTagging.Synthetic;

/// <summary>
/// Settings of the synthetic retail population. The defaults give about 20 events per customer
/// over three years of history, with buying behaviour drawn as in the BG/NBD story: each customer
/// buys at their own Poisson rate (rates Gamma-distributed across customers) until they drop out,
/// which after each purchase happens with their own probability (Beta-distributed).
/// </summary>
public sealed record RetailDataOptions
{
    /// <summary>The seed: the same seed and options always give the same data.</summary>
    public int Seed { get; init; } = 20240601;

    /// <summary>How many customers <see cref="RetailDataGenerator.Customers(CancellationToken)"/> yields (1 .. 100,000,000).</summary>
    public long CustomerCount { get; init; } = 10_000;

    /// <summary>The instant the data is "as of": no event is later than this.</summary>
    public DateTimeOffset AsOf { get; init; } = new(2025, 6, 30, 22, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Customers registered within this many days before <see cref="AsOf"/>.</summary>
    public int HistoryDays { get; init; } = 3 * 365;

    /// <summary>Prefix of customer ids (<c>C00000001</c>...).</summary>
    public string CustomerIdPrefix { get; init; } = "C";

    /// <summary>Share of members who registered but never bought anything.</summary>
    public double NeverPurchasedShare { get; init; } = 0.12;

    /// <summary>Shape <c>r</c> of the Gamma distribution of purchase rates.</summary>
    public double PurchaseRateShape { get; init; } = 0.9;

    /// <summary>Rate <c>alpha</c> of the Gamma distribution of purchase rates, in days: the mean rate is r / alpha purchases a day.</summary>
    public double PurchaseRateAlphaDays { get; init; } = 55;

    /// <summary>Parameter <c>a</c> of the Beta distribution of drop-out probabilities.</summary>
    public double DropoutA { get; init; } = 0.6;

    /// <summary>Parameter <c>b</c> of the Beta distribution of drop-out probabilities; the mean is a / (a + b).</summary>
    public double DropoutB { get; init; } = 4.0;

    /// <summary>Mean of the log of a typical order value in yuan, across customers.</summary>
    public double OrderValueLogMean { get; init; } = 5.3;

    /// <summary>Spread across customers of their typical log order value.</summary>
    public double OrderValueLogSigmaBetweenCustomers { get; init; } = 0.5;

    /// <summary>Spread of one customer's log order values around their own typical value.</summary>
    public double OrderValueLogSigmaWithinCustomer { get; init; } = 0.45;

    /// <summary>Browsing sessions (page views) per purchase opportunity for online-minded customers.</summary>
    public double BrowsingIntensity { get; init; } = 1.0;

    /// <summary>Upper bound of events per customer, so Gamma tails cannot produce runaway histories.</summary>
    public int MaxEventsPerCustomer { get; init; } = 2_000;

    internal void Validate()
    {
        if (CustomerCount is < 1 or > 100_000_000)
            throw new ArgumentOutOfRangeException(nameof(CustomerCount), CustomerCount, "Must be between 1 and 100,000,000.");
        if (HistoryDays is < 30 or > 20 * 365)
            throw new ArgumentOutOfRangeException(nameof(HistoryDays), HistoryDays, "Must be between 30 and 7300 days.");
        ArgumentException.ThrowIfNullOrWhiteSpace(CustomerIdPrefix);
        Positive(PurchaseRateShape, nameof(PurchaseRateShape));
        Positive(PurchaseRateAlphaDays, nameof(PurchaseRateAlphaDays));
        Positive(DropoutA, nameof(DropoutA));
        Positive(DropoutB, nameof(DropoutB));
        Positive(OrderValueLogSigmaBetweenCustomers, nameof(OrderValueLogSigmaBetweenCustomers));
        Positive(OrderValueLogSigmaWithinCustomer, nameof(OrderValueLogSigmaWithinCustomer));
        if (BrowsingIntensity < 0 || !double.IsFinite(BrowsingIntensity))
            throw new ArgumentOutOfRangeException(nameof(BrowsingIntensity), BrowsingIntensity, "Must be zero or positive.");
        if (NeverPurchasedShare is < 0 or > 1 || double.IsNaN(NeverPurchasedShare))
            throw new ArgumentOutOfRangeException(nameof(NeverPurchasedShare), NeverPurchasedShare, "Must be between 0 and 1.");
        if (!double.IsFinite(OrderValueLogMean))
            throw new ArgumentOutOfRangeException(nameof(OrderValueLogMean), OrderValueLogMean, "Must be finite.");
        if (MaxEventsPerCustomer < 10)
            throw new ArgumentOutOfRangeException(nameof(MaxEventsPerCustomer), MaxEventsPerCustomer, "Must be at least 10.");
    }

    private static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value)) throw new ArgumentOutOfRangeException(name, value, "Must be positive and finite.");
    }
}
