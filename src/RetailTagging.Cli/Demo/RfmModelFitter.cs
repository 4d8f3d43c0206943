using RetailTagging.Rfm;
using RetailTagging.Rfm.Calculation;
using RetailTagging.Rfm.Prediction;
using RetailTagging.Rfm.Profiles;
using RetailTagging.Rfm.Scoring;
using RetailTagging.Synthetic;

namespace RetailTagging.Cli.Demo;

/// <summary>
/// Collects what the RFM models are fitted on, chunk by chunk in population order (so the fit does not depend on
/// thread timing): the quantile sketches of recency, frequency and monetary, and the BG/NBD and Gamma-Gamma inputs.
/// </summary>
internal sealed class RfmModelFitter(RfmCalculator calculator, DateTimeOffset asOf, int parallelism)
{
    private readonly RfmQuantileScorerBuilder _scores = new(calculator.Options.Bins, calculator.Options.SketchCapacity);
    private readonly List<BtydObservation> _observations = [];

    public void Add(SyntheticCustomer[] chunk, CancellationToken cancellationToken)
    {
        var summaries = new CustomerRfm[chunk.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        Parallel.For(0, chunk.Length, parallel, i => summaries[i] = calculator.Compute(chunk[i].Customer.Id, chunk[i].Events, asOf));
        foreach (var summary in summaries)
        {
            if (!summary.HasPurchases)
                continue;
            _scores.Add(summary);
            if (BtydObservation.TryFrom(summary, calculator.Options.ModelTimeUnit, out var observation))
                _observations.Add(observation);
        }
    }

    /// <summary>The scorer and the fitted models; a model that does not fit is left out (its values stay null) and reported.</summary>
    public FittedRfmModels Fit(CancellationToken cancellationToken)
    {
        if (_scores.Count == 0)
            throw new InvalidOperationException("No customer bought anything: the RFM scores cannot be fitted (try more customers).");
        var scorer = _scores.Build();
        var bgNbd = BgNbdFitter.Fit(_observations, calculator.Options.ModelTimeUnit, cancellationToken);
        var gammaGamma = GammaGammaFitter.Fit(_observations, cancellationToken);
        return new FittedRfmModels(new RfmModelSet(scorer, bgNbd.Parameters, gammaGamma.Parameters), bgNbd, gammaGamma, _observations.Count);
    }
}

/// <summary>The population's RFM scorer and predictive models, with their fit reports.</summary>
internal sealed record FittedRfmModels(RfmModelSet Models, ModelFit<BgNbdParameters> BgNbd, ModelFit<GammaGammaParameters> GammaGamma, int Buyers);
