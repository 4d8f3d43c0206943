using RetailTagging.Rfm.Prediction;

namespace RetailTagging.Rfm.Tests;

public class FittingTests
{
    [Fact]
    public void BgNbd_recovers_the_simulation_parameters()
    {
        var truth = new BgNbdParameters(0.25, 4.0, 0.8, 2.5, RfmTimeUnit.Weeks);
        var customers = Simulation.Customers(30_000, truth, null, seed: 2024, minAge: 26, maxAge: 39);
        var fit = BgNbdFitter.Fit(customers, RfmTimeUnit.Weeks);

        Assert.True(fit.Succeeded, fit.Error?.Message);
        var p = fit.Parameters;
        Assert.Equal(RfmTimeUnit.Weeks, p.TimeUnit);
        var se = fit.StandardErrors!;
        // Stated tolerance: each estimate within 4 asymptotic standard errors of the truth, and the
        // standard errors small enough (under 25 % of the value) for that to be a real check.
        AssertWithin(truth.R, p.R, se["r"]);
        AssertWithin(truth.Alpha, p.Alpha, se["alpha"]);
        AssertWithin(truth.A, p.A, se["a"]);
        AssertWithin(truth.B, p.B, se["b"]);
        // The optimum is a maximum: nudging any parameter lowers the likelihood.
        var ll = fit.LogLikelihood!.Value;
        Assert.Equal(ll, customers.Sum(c => BgNbdModel.LogLikelihood(p, c)), 1e-6 * Math.Abs(ll));
        foreach (var nudged in new[] { p with { R = p.R * 1.02 }, p with { Alpha = p.Alpha * 0.98 }, p with { A = p.A * 1.02 }, p with { B = p.B * 0.98 } })
            Assert.True(customers.Sum(c => BgNbdModel.LogLikelihood(nudged, c)) < ll);
    }

    [Fact]
    public void GammaGamma_recovers_the_simulation_parameters()
    {
        var bg = new BgNbdParameters(1.5, 4.0, 0.5, 4.0);
        var truth = new GammaGammaParameters(6.0, 4.0, 15.0);
        var customers = Simulation.Customers(20_000, bg, truth, seed: 99);
        var fit = GammaGammaFitter.Fit(customers);

        Assert.True(fit.Succeeded, fit.Error?.Message);
        var se = fit.StandardErrors!;
        AssertWithin(truth.P, fit.Parameters.P, se["p"]);
        AssertWithin(truth.Q, fit.Parameters.Q, se["q"]);
        AssertWithin(truth.Gamma, fit.Parameters.Gamma, se["gamma"]);
        Assert.Equal(customers.Count(c => c.Frequency > 0), fit.Customers);
    }

    private static void AssertWithin(double truth, double estimate, double standardError)
    {
        Assert.InRange(standardError, 1e-9, 0.25 * truth);
        Assert.InRange(estimate, truth - 4 * standardError, truth + 4 * standardError);
    }

    [Fact]
    public void Degenerate_data_gives_explicit_errors_never_NaN()
    {
        AssertError(BgNbdFitter.Fit([]), ModelFitErrorKind.NoCustomers);
        AssertError(BgNbdFitter.Fit([new BtydObservation(3, 10, 20)]), ModelFitErrorKind.TooFewCustomers);
        AssertError(BgNbdFitter.Fit([new BtydObservation(0, 0, 20), new BtydObservation(0, 0, 25)]), ModelFitErrorKind.NoRepeatPurchases);
        AssertError(BgNbdFitter.Fit(Enumerable.Repeat(new BtydObservation(2, 10, 20), 50)), ModelFitErrorKind.IdenticalCustomers);
        AssertError(BgNbdFitter.Fit([new BtydObservation(2, 30, 20), new BtydObservation(0, 0, 5)]), ModelFitErrorKind.InvalidData);
        AssertError(BgNbdFitter.Fit([new BtydObservation(1, double.NaN, 20), new BtydObservation(0, 0, 5)]), ModelFitErrorKind.InvalidData);

        AssertError(GammaGammaFitter.Fit([]), ModelFitErrorKind.NoCustomers);
        AssertError(GammaGammaFitter.Fit([new BtydObservation(0, 0, 10), new BtydObservation(2, 5, 10, 0)]), ModelFitErrorKind.NoRepeatPurchases);
        AssertError(GammaGammaFitter.Fit([new BtydObservation(2, 5, 10, 30), new BtydObservation(0, 0, 10)]), ModelFitErrorKind.TooFewCustomers);
        AssertError(GammaGammaFitter.Fit(Enumerable.Repeat(new BtydObservation(2, 5, 10, 30), 20)), ModelFitErrorKind.IdenticalCustomers);
    }

    [Fact]
    public void Data_without_an_interior_maximum_is_reported_as_not_converged()
    {
        // Every customer bought once more at day 10 and was seen for about 20 days: no heterogeneity at all, so r and
        // alpha run off to infinity together.
        var customers = new List<BtydObservation>();
        for (var i = 0; i < 200; i++)
        {
            customers.Add(new BtydObservation(1, 10, 20));
            customers.Add(new BtydObservation(1, 10, 20.5));
        }
        AssertError(BgNbdFitter.Fit(customers), ModelFitErrorKind.DidNotConverge);
    }

    [Fact]
    public void A_flat_maximum_is_kept_with_a_warning_and_no_standard_errors()
    {
        // Two kinds of customers only: the likelihood has a flat ridge. The estimate on it still predicts the data
        // (its likelihood is the maximum), but single parameters mean nothing: a warning, no standard errors.
        var customers = new List<BtydObservation>();
        for (var i = 0; i < 100; i++)
        {
            customers.Add(new BtydObservation(3, 18, 20));
            customers.Add(new BtydObservation(3, 18, 20));
            customers.Add(new BtydObservation(0, 0, 20));
        }
        var fit = BgNbdFitter.Fit(customers);
        Assert.True(fit.Succeeded);
        Assert.Contains("flat", fit.Warning);
        Assert.Null(fit.StandardErrors);
        Assert.True(double.IsFinite(fit.LogLikelihood!.Value));

        var gg = GammaGammaFitter.Fit(Enumerable.Range(0, 100).Select(i => new BtydObservation(2, 5, 10, 30 + (i % 2))));
        Assert.True(gg.Succeeded);
        Assert.NotNull(gg.Warning);
        // The predicted mean spend is right even though p, q and gamma are not individually determined.
        Assert.Equal(30.5, GammaGammaModel.ExpectedAverageValue(gg.Parameters, 2, 30.5)!.Value, 0.05);
    }

    [Fact]
    public void A_well_identified_fit_has_no_warning()
    {
        var fit = BgNbdFitter.Fit(Simulation.Customers(5000, new BgNbdParameters(0.5, 6, 0.7, 2.2), null, seed: 3));
        Assert.True(fit.Succeeded);
        Assert.Null(fit.Warning);
        Assert.NotNull(fit.StandardErrors);
    }

    [Fact]
    public void Fitting_is_cancellable()
    {
        var customers = Simulation.Customers(2000, new BgNbdParameters(0.3, 4, 0.8, 2.5), null, seed: 1);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => BgNbdFitter.Fit(customers, cancellationToken: cts.Token));
    }

    private static void AssertError<T>(ModelFit<T> fit, ModelFitErrorKind kind)
        where T : class
    {
        Assert.False(fit.Succeeded);
        Assert.Equal(kind, fit.Error.Kind);
        Assert.Null(fit.LogLikelihood);
        Assert.False(string.IsNullOrWhiteSpace(fit.Error.Message));
        var thrown = Assert.Throws<RfmModelException>(() => fit.EnsureSuccess());
        Assert.Equal(kind, thrown.Error.Kind);
    }
}
