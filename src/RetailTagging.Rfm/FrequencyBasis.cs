namespace RetailTagging.Rfm;

/// <summary>What the F of RFM counts.</summary>
public enum FrequencyBasis
{
    /// <summary>Every valid purchase event (order) up to the as-of instant.</summary>
    Orders,

    /// <summary>Distinct calendar days with a purchase, in the business time zone.</summary>
    DistinctPurchaseDays,
}
