using RetailTagging.Rfm.Prediction;
using RetailTagging.Rfm.Scoring;

namespace RetailTagging.Rfm.Profiles;

/// <summary>
/// The population-level state profiles are computed with: a scorer (quantile edges or fixed thresholds) and
/// optionally fitted predictive models. Immutable; swap a new set in when the population is refitted.
/// </summary>
/// <param name="Scorer">Scores raw values; null leaves scores (and score-based segments) empty.</param>
/// <param name="BgNbd">Fitted BG/NBD parameters; null leaves p_alive, expected purchases and CLV empty.</param>
/// <param name="GammaGamma">Fitted Gamma-Gamma parameters; null leaves expected AOV and CLV empty.</param>
public sealed record RfmModelSet(IRfmScorer? Scorer, BgNbdParameters? BgNbd = null, GammaGammaParameters? GammaGamma = null)
{
    /// <summary>No scorer and no models: profiles carry raw values and threshold-rule segments only.</summary>
    public static RfmModelSet Empty { get; } = new((IRfmScorer?)null);
}
