namespace RetailTagging.Rfm.Prediction;

/// <summary>Fits the Gamma-Gamma spend model by maximum likelihood.</summary>
public static class GammaGammaFitter
{
    /// <summary>
    /// Fits p, q, gamma to the customers with at least one repeat purchase and a positive mean repeat value
    /// (others carry no spend information and are left out). Degenerate data and non-convergence give an error result.
    /// </summary>
    public static ModelFit<GammaGammaParameters> Fit(IEnumerable<BtydObservation> customers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var spenders = new List<(int Transactions, double MeanValue, double Weight)>();
        var index = 0;
        foreach (var c in customers)
        {
            if (c.Problem() is { } problem)
                return ModelFit<GammaGammaParameters>.Failure(ModelFitErrorKind.InvalidData, $"Gamma-Gamma: customer #{index}: {problem}.", spenders.Count);
            if (c.Frequency > 0 && c.MeanRepeatValue is > 0)
                spenders.Add((c.Frequency, c.MeanRepeatValue.Value, 1.0));
            index++;
        }
        if (index == 0)
            return ModelFit<GammaGammaParameters>.Failure(ModelFitErrorKind.NoCustomers, "Gamma-Gamma: no customers.", 0);
        if (spenders.Count == 0)
            return ModelFit<GammaGammaParameters>.Failure(ModelFitErrorKind.NoRepeatPurchases, "Gamma-Gamma: no customer has a repeat purchase with a positive value.", 0);
        if (spenders.Count < 2)
            return ModelFit<GammaGammaParameters>.Failure(ModelFitErrorKind.TooFewCustomers, "Gamma-Gamma: one repeat customer cannot show how spend differs between customers; at least 2 are needed.", 1);
        if (spenders.Select(s => (s.Transactions, s.MeanValue)).Distinct().Count() == 1)
            return ModelFit<GammaGammaParameters>.Failure(ModelFitErrorKind.IdenticalCustomers, "Gamma-Gamma: all repeat customers have the same transactions and mean value.", spenders.Count);

        var likelihood = new GammaGammaLikelihood(spenders);
        var mean = spenders.Average(s => s.MeanValue);
        double[][] starts =
        [
            [0, Math.Log(2), Math.Log(mean)],
            [Math.Log(5), Math.Log(3), Math.Log(mean / 2.5)],
            [Math.Log(0.5), Math.Log(1.5), Math.Log(mean)],
            [Math.Log(10), Math.Log(10), Math.Log(mean)],
        ];
        var result = MaximumLikelihood.Maximize(likelihood, ["p", "q", "gamma"], starts, cancellationToken, out var failureKind, out var failure);
        if (result is null)
            return ModelFit<GammaGammaParameters>.Failure(failureKind, "Gamma-Gamma: " + failure + ".", spenders.Count);
        var t = result.LogParameters;
        return ModelFit<GammaGammaParameters>.Success(new GammaGammaParameters(Math.Exp(t[0]), Math.Exp(t[1]), Math.Exp(t[2])),
            result.LogLikelihood, spenders.Count,
            BgNbdFitter.StandardErrors(["p", "q", "gamma"], t, result.LogStandardErrors), result.Evaluations, result.Method, result.Warning);
    }
}
