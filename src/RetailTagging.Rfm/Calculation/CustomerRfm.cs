namespace RetailTagging.Rfm.Calculation;

/// <summary>
/// One customer's recency, frequency and monetary value as of an instant, with the extended profile
/// (category and channel preference, purchase cycle) and the inputs of the predictive models.
/// Only events at or before <see cref="AsOf"/> count. See docs/rfm.md for every definition.
/// </summary>
public sealed record CustomerRfm
{
    /// <summary>The customer's id.</summary>
    public required string CustomerId { get; init; }

    /// <summary>The instant the values are computed for.</summary>
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>The calendar day of <see cref="AsOf"/> in the business time zone.</summary>
    public required DateOnly AsOfDate { get; init; }

    /// <summary>Number of valid purchase events (orders).</summary>
    public int Orders { get; init; }

    /// <summary>Number of distinct calendar days with a purchase.</summary>
    public int PurchaseDays { get; init; }

    /// <summary>Whether the customer bought at least once.</summary>
    public bool HasPurchases => Orders > 0;

    /// <summary>The first purchase instant, or null without purchases.</summary>
    public DateTimeOffset? FirstPurchaseAt { get; init; }

    /// <summary>The last purchase instant, or null without purchases.</summary>
    public DateTimeOffset? LastPurchaseAt { get; init; }

    /// <summary>Sum of purchase amounts.</summary>
    public decimal GrossSpend { get; init; }

    /// <summary>Sum of refund amounts (positive money given back).</summary>
    public decimal Refunds { get; init; }

    /// <summary>Gross spend minus refunds, floored at zero (see <see cref="RefundsExceedPurchases"/>).</summary>
    public decimal NetSpend { get; init; }

    /// <summary>True when refunds were larger than purchases; <see cref="NetSpend"/> is then 0, not negative.</summary>
    public bool RefundsExceedPurchases { get; init; }

    /// <summary>Whole days from the last purchase day to the as-of day; null without purchases.</summary>
    public int? RecencyDays { get; init; }

    /// <summary>Whole days from the first purchase day to the as-of day (the models' <c>T</c>); null without purchases.</summary>
    public int? AgeDays { get; init; }

    /// <summary>Frequency as configured (<see cref="FrequencyBasis"/>).</summary>
    public int Frequency { get; init; }

    /// <summary>Monetary value as configured (<see cref="MonetaryBasis"/>), net of refunds, never negative.</summary>
    public decimal Monetary { get; init; }

    /// <summary>Purchase amount per category (purchases without a category are left out).</summary>
    public IReadOnlyDictionary<string, decimal> CategorySpend { get; init; } = new Dictionary<string, decimal>();

    /// <summary>The category with the largest spend (ties: the ordinally smallest name); null when none has spend.</summary>
    public string? TopCategory { get; init; }

    /// <summary>Share of gross spend in <see cref="TopCategory"/>, in [0, 1].</summary>
    public decimal? TopCategoryShare { get; init; }

    /// <summary>Share of orders placed in an online channel, in [0, 1]; null without purchases.</summary>
    public decimal? OnlineShare { get; init; }

    /// <summary>Mean days between distinct purchase days (rounded to 2 decimals); null with fewer than two purchase days.</summary>
    public decimal? CycleDays { get; init; }

    /// <summary>The last purchase plus one cycle; null without a cycle.</summary>
    public DateTimeOffset? NextPurchaseAt { get; init; }

    /// <summary>Repeat purchase days: distinct purchase days minus one (the models' <c>x</c>); 0 without purchases.</summary>
    public int RepeatDays { get; init; }

    /// <summary>Days from the first to the last purchase day (the models' <c>t_x</c>); 0 without purchases.</summary>
    public int RepeatSpanDays { get; init; }

    /// <summary>Mean purchase amount per repeat purchase day (first day excluded), the Gamma-Gamma input; null without repeats.</summary>
    public decimal? RepeatAverageSpend { get; init; }

    /// <summary>Purchase or refund events left out because their amount was missing or negative (refunds: not positive).</summary>
    public int IgnoredEvents { get; init; }

    /// <summary>Purchase or refund events left out because their id was seen before.</summary>
    public int DuplicateEvents { get; init; }
}
