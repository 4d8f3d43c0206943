namespace RetailTagging.Rfm;

/// <summary>What the M of RFM measures. Both are net of refunds.</summary>
public enum MonetaryBasis
{
    /// <summary>Total purchase amount minus refunds (never below zero).</summary>
    Total,

    /// <summary>Net total divided by the number of orders.</summary>
    AveragePerOrder,
}
