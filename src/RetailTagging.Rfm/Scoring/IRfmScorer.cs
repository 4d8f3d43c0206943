using RetailTagging.Rfm.Calculation;

namespace RetailTagging.Rfm.Scoring;

/// <summary>Turns a customer's raw RFM values into scores.</summary>
public interface IRfmScorer
{
    /// <summary>Number of score levels: scores run from 1 to this.</summary>
    int Bins { get; }

    /// <summary>The customer's scores, or null for a customer without purchases (no recency to score).</summary>
    RfmScores? Score(CustomerRfm customer);
}
