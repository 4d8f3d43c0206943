using MathNet.Numerics;

namespace RetailTagging.Rfm.Prediction;

/// <summary>
/// The BG/NBD model (Fader, Hardie and Lee 2005): likelihood, probability alive and expected purchases.
/// Times are in the parameters' time unit.
/// </summary>
public static class BgNbdModel
{
    /// <summary>
    /// Log-likelihood of one customer:
    /// ln[ B(a,b+x)/B(a,b) * Gamma(r+x) alpha^r / Gamma(r) * ((alpha+T)^-(r+x) + [x&gt;0] a/(b+x-1) (alpha+t_x)^-(r+x)) ].
    /// </summary>
    public static double LogLikelihood(BgNbdParameters parameters, BtydObservation customer)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        ThrowIfInvalid(customer);
        var (r, alpha, a, b) = (parameters.R, parameters.Alpha, parameters.A, parameters.B);
        double x = customer.Frequency;
        var common = SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + r * Math.Log(alpha)
            + SpecialFunctions.GammaLn(a + b) + SpecialFunctions.GammaLn(b + x)
            - SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(a + b + x);
        var u1 = -(r + x) * Math.Log(alpha + customer.Age);
        if (customer.Frequency == 0)
            return common + u1;
        var u2 = Math.Log(a) - Math.Log(b + x - 1) - (r + x) * Math.Log(alpha + customer.Recency);
        return common + LogSumExp(u1, u2);
    }

    /// <summary>
    /// P(alive | x, t_x, T) = 1 / (1 + [x&gt;0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)). A customer without repeat
    /// purchases is alive with probability 1 under the BG/NBD (it can only drop out after a repeat purchase).
    /// </summary>
    public static double ProbabilityAlive(BgNbdParameters parameters, BtydObservation customer)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ThrowIfInvalid(customer);
        if (customer.Frequency == 0)
            return 1.0;
        return 1.0 / (1.0 + Math.Exp(LogDeadOdds(parameters, customer)));
    }

    /// <summary>
    /// Expected purchases in the next <paramref name="horizon"/> time units, E[Y(t) | x, t_x, T]; null when the
    /// hypergeometric series does not converge (horizon extremely long compared with alpha + T).
    /// </summary>
    /// <remarks>
    /// E[Y(t)] = (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z)] / (1 + [x&gt;0] odds),
    /// z = t/(alpha+T+t). Euler's transformation 2F1(A,B;C;z) = (1-z)^(C-A-B) 2F1(C-A, C-B; C; z) turns the bracket
    /// into 1 - (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z), whose terms stay small for any x (the original series
    /// overflows for frequent buyers). At a = 1 the factor is 0/0; the value there is the mean at a = 1 +/- 1e-5.
    /// </remarks>
    public static double? ExpectedPurchases(BgNbdParameters parameters, BtydObservation customer, double horizon)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        ThrowIfInvalid(customer);
        if (!double.IsFinite(horizon) || horizon < 0)
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "The horizon must be finite and not negative.");
        if (horizon == 0)
            return 0.0;
        if (Math.Abs(parameters.A - 1) < 1e-6)
        {
            var below = ExpectedPurchasesCore(parameters with { A = 1 - 1e-5 }, customer, horizon);
            var above = ExpectedPurchasesCore(parameters with { A = 1 + 1e-5 }, customer, horizon);
            return below is { } lo && above is { } hi ? (lo + hi) / 2 : null;
        }
        return ExpectedPurchasesCore(parameters, customer, horizon);
    }

    /// <summary>Expected purchases of a just-acquired customer in <paramref name="horizon"/>, E[X(t)]; null on non-convergence.</summary>
    public static double? ExpectedPurchasesNewCustomer(BgNbdParameters parameters, double horizon) =>
        ExpectedPurchases(parameters, new BtydObservation(0, 0, 0), horizon);

    private static double? ExpectedPurchasesCore(BgNbdParameters p, BtydObservation c, double t)
    {
        var x = c.Frequency;
        var z = t / (p.Alpha + c.Age + t);
        var oneMinusZ = (p.Alpha + c.Age) / (p.Alpha + c.Age + t);
        if (!Hypergeometric.TryGauss2F1(p.A + p.B - 1 - p.R, p.A - 1, p.A + p.B + x - 1, z, out var f))
            return null;
        var bracket = 1 - Math.Pow(oneMinusZ, p.A - 1) * f;
        var numerator = (p.A + p.B + x - 1) / (p.A - 1) * bracket;
        var denominator = x == 0 ? 1.0 : 1.0 + Math.Exp(LogDeadOdds(p, c));
        var value = numerator / denominator;
        return double.IsFinite(value) && value >= 0 ? value : null;
    }

    // ln( a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x) ): the odds that a customer with repeats has dropped out.
    private static double LogDeadOdds(BgNbdParameters p, BtydObservation c)
    {
        double x = c.Frequency;
        return Math.Log(p.A) - Math.Log(p.B + x - 1) + (p.R + x) * (Math.Log(p.Alpha + c.Age) - Math.Log(p.Alpha + c.Recency));
    }

    internal static double LogSumExp(double u, double v)
    {
        var m = Math.Max(u, v);
        return m + Math.Log(Math.Exp(u - m) + Math.Exp(v - m));
    }

    private static void ThrowIfInvalid(BtydObservation customer)
    {
        if (customer.Problem() is { } problem)
            throw new ArgumentException($"Invalid model input: {problem}.", nameof(customer));
    }
}
