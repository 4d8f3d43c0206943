namespace RetailTagging.Rfm.Prediction;

/// <summary>Fits the BG/NBD model by maximum likelihood.</summary>
public static class BgNbdFitter
{
    /// <summary>
    /// Fits r, alpha, a, b to the customers' (x, t_x, T) in <paramref name="unit"/>. Degenerate data (no customers,
    /// one customer, no repeat purchases, identical customers, invalid values) and non-convergence give an error
    /// result, never NaN.
    /// </summary>
    public static ModelFit<BgNbdParameters> Fit(IEnumerable<BtydObservation> customers, RfmTimeUnit unit = RfmTimeUnit.Days,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customers);
        // One streaming pass: customers with the same (x, t_x, T) share one likelihood term, so memory and the
        // cost of an evaluation grow with the distinct triples, not with the customers.
        var counts = new Dictionary<(int X, double Recency, double Age), int>();
        int total = 0, repeaters = 0;
        double totalX = 0, totalAge = 0;
        foreach (var c in customers)
        {
            if (c.Problem() is { } problem)
                return ModelFit<BgNbdParameters>.Failure(ModelFitErrorKind.InvalidData, $"BG/NBD: customer #{total}: {problem}.", total);
            var key = (c.Frequency, c.Recency, c.Age);
            counts[key] = counts.GetValueOrDefault(key) + 1;
            total++;
            repeaters += c.Frequency > 0 ? 1 : 0;
            totalX += c.Frequency;
            totalAge += c.Age;
        }
        if (total == 0)
            return ModelFit<BgNbdParameters>.Failure(ModelFitErrorKind.NoCustomers, "BG/NBD: no customers with a purchase.", 0);
        if (total < 2)
            return ModelFit<BgNbdParameters>.Failure(ModelFitErrorKind.TooFewCustomers, "BG/NBD: a population of one customer cannot show how customers differ; at least 2 are needed.", total);
        if (repeaters == 0)
            return ModelFit<BgNbdParameters>.Failure(ModelFitErrorKind.NoRepeatPurchases, "BG/NBD: no customer made a repeat purchase, so purchase rates and dropout cannot be estimated.", total);
        if (counts.Count == 1)
            return ModelFit<BgNbdParameters>.Failure(ModelFitErrorKind.IdenticalCustomers, "BG/NBD: all customers have the same (x, t_x, T); differences between customers cannot be estimated.", total);

        var groups = counts.OrderBy(g => g.Key.X).ThenBy(g => g.Key.Recency).ThenBy(g => g.Key.Age)
            .Select(g => (Customer: new BtydObservation(g.Key.X, g.Key.Recency, g.Key.Age), Weight: (double)g.Value))
            .ToList();
        var likelihood = new BgNbdLikelihood(groups);
        var meanRate = totalX / Math.Max(totalAge, 1e-9);
        var result = MaximumLikelihood.Maximize(likelihood, ["r", "alpha", "a", "b"], Starts(meanRate), cancellationToken, out var failureKind, out var failure);
        if (result is null)
            return ModelFit<BgNbdParameters>.Failure(failureKind, "BG/NBD: " + failure + ".", total);

        var t = result.LogParameters;
        var parameters = new BgNbdParameters(Math.Exp(t[0]), Math.Exp(t[1]), Math.Exp(t[2]), Math.Exp(t[3]), unit);
        return ModelFit<BgNbdParameters>.Success(parameters, result.LogLikelihood, total,
            StandardErrors(["r", "alpha", "a", "b"], t, result.LogStandardErrors), result.Evaluations, result.Method, result.Warning);
    }

    // Starts around the observed mean purchase rate r/alpha, with several dropout shapes.
    private static double[][] Starts(double meanRate)
    {
        var rate = Math.Max(meanRate, 1e-6);
        return
        [
            [0, Math.Log(1 / rate), 0, 0],
            [Math.Log(0.5), Math.Log(0.5 / rate), Math.Log(0.5), Math.Log(2)],
            [Math.Log(2), Math.Log(2 / rate), Math.Log(2), Math.Log(5)],
            [Math.Log(0.25), Math.Log(0.25 / rate), Math.Log(1), Math.Log(3)],
        ];
    }

    // Delta method: se(theta) = theta * se(ln theta).
    internal static IReadOnlyDictionary<string, double>? StandardErrors(string[] names, double[] logParameters, double[]? logErrors) =>
        logErrors is null ? null : names.Select((n, i) => (n, se: Math.Exp(logParameters[i]) * logErrors[i])).ToDictionary(p => p.n, p => p.se);
}
