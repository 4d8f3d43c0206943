using MathNet.Numerics;

namespace RetailTagging.Rfm.Prediction;

/// <summary>The Gamma-Gamma spend model (Fader, Hardie and Lee 2005; Fader and Hardie 2013).</summary>
public static class GammaGammaModel
{
    /// <summary>
    /// Log-likelihood of one customer's mean repeat value m over x transactions:
    /// ln[ Gamma(px+q)/(Gamma(px) Gamma(q)) gamma^q m^(px-1) x^(px) / (gamma + m x)^(px+q) ].
    /// </summary>
    public static double LogLikelihood(GammaGammaParameters parameters, int transactions, double meanValue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        if (transactions < 1)
            throw new ArgumentOutOfRangeException(nameof(transactions), transactions, "At least one transaction is needed.");
        if (!double.IsFinite(meanValue) || meanValue <= 0)
            throw new ArgumentOutOfRangeException(nameof(meanValue), meanValue, "The mean value must be finite and positive.");
        var (p, q, g) = (parameters.P, parameters.Q, parameters.Gamma);
        double x = transactions;
        return SpecialFunctions.GammaLn(p * x + q) - SpecialFunctions.GammaLn(p * x) - SpecialFunctions.GammaLn(q)
            + q * Math.Log(g) + (p * x - 1) * Math.Log(meanValue) + p * x * Math.Log(x)
            - (p * x + q) * Math.Log(g + meanValue * x);
    }

    /// <summary>
    /// E[M | x, m] = p (gamma + x m) / (p x + q - 1): a weighted mean of the population mean p gamma/(q-1) and the
    /// customer's own mean. Without repeats (x = 0) it is the population mean. Null when q &lt;= 1 and x = 0 (the
    /// population mean does not exist) or m is not positive.
    /// </summary>
    public static double? ExpectedAverageValue(GammaGammaParameters parameters, int transactions, double? meanValue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(transactions);
        var (p, q, g) = (parameters.P, parameters.Q, parameters.Gamma);
        if (transactions == 0 || meanValue is null)
            return q > 1 ? p * g / (q - 1) : null;
        if (!double.IsFinite(meanValue.Value) || meanValue.Value <= 0)
            return null;
        double x = transactions;
        var denominator = p * x + q - 1;
        return denominator > 0 ? p * (g + x * meanValue.Value) / denominator : null;
    }
}
