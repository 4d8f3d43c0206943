using RetailTagging.Rfm.Calculation;
using RetailTagging.Rfm.Prediction;

namespace RetailTagging.Rfm.Profiles;

/// <summary>
/// Builds <see cref="RfmProfile"/>s: raw values from <see cref="RfmCalculator"/>, scores from the model set's scorer,
/// predictions from its fitted models, then the segment from the options' ordered segment map. Thread-safe.
/// </summary>
public sealed class RfmProfiler
{
    /// <summary>Creates a profiler.</summary>
    public RfmProfiler(RfmCalculator calculator, RfmModelSet models)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        ArgumentNullException.ThrowIfNull(models);
        models.BgNbd?.Validate();
        models.GammaGamma?.Validate();
        if (models.Scorer is { } scorer && calculator.Options.SegmentMap.RequiredBins is { } bins && scorer.Bins != bins)
            throw new ArgumentException($"Segment map '{calculator.Options.SegmentMap.Name}' needs {bins} score bins, the scorer has {scorer.Bins}.", nameof(models));
        Calculator = calculator;
        Models = models;
    }

    /// <summary>The calculator (and through it the options).</summary>
    public RfmCalculator Calculator { get; }

    /// <summary>The scorer and models in use.</summary>
    public RfmModelSet Models { get; }

    /// <summary>Computes and profiles one customer's history as of <paramref name="asOf"/>.</summary>
    public RfmProfile Profile(string customerId, IEnumerable<CustomerEvent> history, DateTimeOffset asOf) =>
        Profile(Calculator.Compute(customerId, history, asOf));

    /// <summary>Profiles an already computed summary.</summary>
    public RfmProfile Profile(CustomerRfm summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var options = Calculator.Options;
        var scores = Models.Scorer?.Score(summary);
        double? pAlive = null, expected = null, aov = null, clv = null;
        if (Models.BgNbd is { } bg && BtydObservation.TryFrom(summary, bg.TimeUnit, out var observation))
        {
            pAlive = BgNbdModel.ProbabilityAlive(bg, observation);
            expected = BgNbdModel.ExpectedPurchases(bg, observation, bg.TimeUnit.FromDays(options.PredictionHorizon.TotalDays));
        }
        if (Models.GammaGamma is { } gg && summary.HasPurchases)
            aov = GammaGammaModel.ExpectedAverageValue(gg, summary.RepeatDays, (double?)summary.RepeatAverageSpend);
        if (Models.BgNbd is { } model && aov is { } value && BtydObservation.TryFrom(summary, model.TimeUnit, out var input))
            clv = ClvCalculator.Compute(model, input, value, options);

        var profile = new RfmProfile(summary, scores, options.PredictionHorizon)
        {
            PAlive = ToDecimal(pAlive, 6),
            ExpectedPurchases = ToDecimal(expected, 6),
            ExpectedAov = ToDecimal(aov, 4),
            Clv = ToDecimal(clv, 4),
        };
        profile.Segment = options.SegmentMap.Classify(profile);
        return profile;
    }

    // Model outputs are doubles; the tag language compares decimals. Out-of-range or non-finite values become null.
    private static decimal? ToDecimal(double? value, int decimals) =>
        value is { } v && double.IsFinite(v) && Math.Abs(v) < 1e15 ? Math.Round((decimal)v, decimals) : null;
}
