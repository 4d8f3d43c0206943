using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace RetailTagging.Rfm.Prediction;

/// <summary>The result of <see cref="MaximumLikelihood.Maximize"/>.</summary>
internal sealed record MleResult(double[] LogParameters, double LogLikelihood, int Evaluations, string Method, double[]? LogStandardErrors, string? Warning);

/// <summary>
/// Robust maximum likelihood over log-parameters with MathNet.Numerics: BFGS with the analytic gradient from each
/// start, Nelder-Mead from there when BFGS fails, the best optimum kept. It stops early when two starts agree, and
/// accepts an optimum only if the per-customer gradient is small there and no parameter ran off to 0 or infinity.
/// </summary>
internal static class MaximumLikelihood
{
    /// <summary>Bound on |ln theta|: beyond it a parameter is at a boundary (not identifiable).</summary>
    public const double LogBound = 20;

    /// <summary>Largest norm of the per-customer gradient accepted at an optimum.</summary>
    public const double GradientTolerance = 1e-5;

    /// <summary>Largest accepted standard error of a log-parameter: beyond it the data barely constrain the parameter.</summary>
    public const double MaxLogStandardError = 5;

    public static MleResult? Maximize(ILogLikelihoodFunction function, string[] names, IReadOnlyList<double[]> starts,
        CancellationToken cancellationToken, out ModelFitErrorKind failureKind, out string failure)
    {
        var evaluations = 0;
        var scale = 1.0 / function.TotalWeight;
        var dimension = function.Dimension;
        var gradientBuffer = new double[dimension];

        (double Value, Vector<double> Gradient) Objective(Vector<double> theta)
        {
            cancellationToken.ThrowIfCancellationRequested();
            evaluations++;
            if (theta.Any(t => !double.IsFinite(t) || Math.Abs(t) > LogBound + 10))
                return (double.MaxValue, Vector<double>.Build.Dense(dimension));
            var ll = function.Evaluate(theta.ToArray(), gradientBuffer);
            if (!double.IsFinite(ll) || gradientBuffer.Any(g => !double.IsFinite(g)))
                return (double.MaxValue, Vector<double>.Build.Dense(dimension));
            // Minimise the negative mean log-likelihood: tolerances then mean the same at any population size.
            return (-ll * scale, Vector<double>.Build.Dense(gradientBuffer.Select(g => -g * scale).ToArray()));
        }

        var problems = new List<string>();
        var found = new List<(double[] Theta, double Value, string Method, bool Accepted)>();
        foreach (var start in starts)
        {
            if (RunFrom(start, Objective, problems) is { } candidate)
            {
                var (value, gradient) = Objective(Vector<double>.Build.Dense(candidate.Theta));
                var accepted = IsAccepted(candidate.Theta, value, gradient);
                found.Add((candidate.Theta, value, candidate.Method, accepted));
            }
            var agreeing = found.Where(f => f.Accepted).OrderBy(f => f.Value).Take(2).ToList();
            if (agreeing.Count == 2 && Math.Abs(agreeing[0].Value - agreeing[1].Value) <= 1e-9 * Math.Max(1, Math.Abs(agreeing[0].Value)))
                break;
        }

        var best = found.Where(f => f.Accepted).OrderBy(f => f.Value).FirstOrDefault();
        failureKind = ModelFitErrorKind.DidNotConverge;
        if (best.Theta is null)
        {
            var closest = found.OrderBy(f => f.Value).FirstOrDefault();
            failure = closest.Theta is null
                ? "no start converged: " + string.Join("; ", problems.Distinct())
                : closest.Theta.Any(t => Math.Abs(t) > LogBound)
                    ? "a parameter ran to a boundary (0 or infinity): the data do not identify the model"
                    : "the optimiser stopped where the likelihood is not flat (no interior maximum found)";
            return null;
        }
        // A flat direction at the optimum (information not positive definite, or a huge standard error) means the
        // data cannot pin every parameter down, e.g. a dropout probability that is the same for everyone (a and b
        // grow together). The likelihood, and so the predictions, barely move along that ridge: keep the estimate,
        // but say so instead of reporting standard errors that do not exist.
        var errors = LogStandardErrors(function, best.Theta);
        string? warning = null;
        if (errors is null || errors.Any(e => !(e <= MaxLogStandardError)))
        {
            var at = string.Join(", ", names.Select((n, i) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{n}={Math.Exp(best.Theta[i]):G4}")));
            warning = $"the likelihood is flat at its maximum ({at}): the data do not determine every parameter on its own (customers differ too little in some respect); predictions are usable, individual parameters are not";
            errors = null;
        }
        failureKind = default;
        failure = "";
        return new MleResult(best.Theta, -best.Value / scale, evaluations, best.Method, errors, warning);
    }

    private static (double[] Theta, string Method)? RunFrom(double[] start,
        Func<Vector<double>, (double Value, Vector<double> Gradient)> objective, List<string> problems)
    {
        var initial = Vector<double>.Build.Dense(start);
        double[]? bfgs = null;
        try
        {
            var result = new BfgsMinimizer(1e-10, 1e-12, 1e-15, 2000).FindMinimum(ObjectiveFunction.Gradient(objective), initial);
            bfgs = result.MinimizingPoint.ToArray();
            var (value, gradient) = objective(result.MinimizingPoint);
            if (IsAccepted(bfgs, value, gradient))
                return (bfgs, "BFGS");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // BFGS line searches fail on flat or badly scaled surfaces; Nelder-Mead below is the fallback.
            problems.Add("BFGS: " + ex.Message);
        }

        try
        {
            var value = ObjectiveFunction.Value(v => objective(v).Value);
            var from = bfgs is not null && bfgs.All(double.IsFinite) ? Vector<double>.Build.Dense(bfgs) : initial;
            return (new NelderMeadSimplex(1e-13, 50_000).FindMinimum(value, from).MinimizingPoint.ToArray(), "Nelder-Mead");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            problems.Add("Nelder-Mead: " + ex.Message);
            return bfgs is null ? null : (bfgs, "BFGS");
        }
    }

    private static bool IsAccepted(double[] theta, double value, Vector<double> gradient) =>
        value < double.MaxValue && gradient.L2Norm() <= GradientTolerance && theta.All(t => Math.Abs(t) <= LogBound);

    // Observed information in log-parameters by central differences of the analytic gradient.
    private static double[]? LogStandardErrors(ILogLikelihoodFunction function, double[] theta)
    {
        var n = theta.Length;
        var hessian = Matrix<double>.Build.Dense(n, n);
        const double h = 1e-5;
        var plus = new double[n];
        var minus = new double[n];
        for (var j = 0; j < n; j++)
        {
            var shifted = (double[])theta.Clone();
            shifted[j] += h;
            function.Evaluate(shifted, plus);
            shifted[j] -= 2 * h;
            function.Evaluate(shifted, minus);
            for (var i = 0; i < n; i++)
                hessian[i, j] = (plus[i] - minus[i]) / (2 * h);
        }
        var information = -(hessian + hessian.Transpose()) / 2;
        if (information.Enumerate().Any(v => !double.IsFinite(v)))
            return null;
        // Positive definite information (a proper maximum) is needed for a covariance.
        if (information.Evd().EigenValues.Any(e => !(e.Real > 0)))
            return null;
        var covariance = information.Inverse();
        var errors = new double[n];
        for (var i = 0; i < n; i++)
            errors[i] = Math.Sqrt(covariance[i, i]);
        return errors;
    }
}
