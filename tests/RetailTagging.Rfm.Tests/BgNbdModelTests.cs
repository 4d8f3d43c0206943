using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics;
using RetailTagging.Rfm.Prediction;

namespace RetailTagging.Rfm.Tests;

public class BgNbdModelTests
{
    private static readonly BgNbdParameters Cdnow = new(0.243, 4.414, 0.793, 2.426, RfmTimeUnit.Weeks);
    private static readonly BgNbdParameters Other = new(0.5, 10, 1.7, 3.2);

    // Reference values computed with mpmath at 30 digits from the formulas of Fader, Hardie and Lee (2005),
    // with the Beta and Gamma functions themselves (not their logarithms) and the original 2F1 series.
    [Theory]
    [InlineData(0, 0.0, 38.86, -0.55471327643815845108, 1.0, 0.19509805201126263869)]
    [InlineData(2, 30.43, 38.86, -9.4586063070662712451, 0.72657857008067291068, 1.2260281747671444463)]
    [InlineData(1, 1.71, 38.86, -4.4690932750325884944, 0.21210098537737908478, 0.20318698707975406029)]
    [InlineData(7, 29.43, 35.0, -21.380329155953554138, 0.77897711740647506424, 4.3692819485185953518)]
    [InlineData(40, 200.0, 210.0, -111.62878218807757412, 0.88429835796254619415, 6.06874042302968844)]
    public void Matches_independent_values_at_the_CDNOW_estimates(int x, double tx, double age, double logLikelihood, double pAlive, double expected39)
    {
        var customer = new BtydObservation(x, tx, age);
        Assert.Equal(logLikelihood, BgNbdModel.LogLikelihood(Cdnow, customer), 1e-10);
        Assert.Equal(pAlive, BgNbdModel.ProbabilityAlive(Cdnow, customer), 1e-12);
        Assert.Equal(expected39, BgNbdModel.ExpectedPurchases(Cdnow, customer, 39)!.Value, 1e-10);
    }

    [Theory]
    [InlineData(0, 0.0, 20.0, -0.5493061443340548457, 1.0, 0.40416677828405497523)]
    [InlineData(3, 15.0, 20.0, -10.691393419048746473, 0.61772542411741330748, 1.4810080427950011091)]
    [InlineData(12, 80.0, 100.0, -41.05940645623176802, 0.40473600534401485263, 1.1664029418437035696)]
    public void Matches_independent_values_with_a_above_one(int x, double tx, double age, double logLikelihood, double pAlive, double expected30)
    {
        var customer = new BtydObservation(x, tx, age);
        Assert.Equal(logLikelihood, BgNbdModel.LogLikelihood(Other, customer), 1e-10);
        Assert.Equal(pAlive, BgNbdModel.ProbabilityAlive(Other, customer), 1e-12);
        Assert.Equal(expected30, BgNbdModel.ExpectedPurchases(Other, customer, 30)!.Value, 1e-10);
    }

    [Fact]
    public void New_customer_expectation_matches_reference_and_the_conditional_form_at_zero()
    {
        // E[X(52)] at the CDNOW estimates, mpmath.
        Assert.Equal(1.4460505953964037449, BgNbdModel.ExpectedPurchasesNewCustomer(Cdnow, 52)!.Value, 1e-10);
        Assert.Equal(0.0, BgNbdModel.ExpectedPurchases(Cdnow, new BtydObservation(3, 10, 20), 0));
    }

    [Fact]
    public void At_a_equal_to_one_the_expectation_is_the_continuous_limit()
    {
        var customer = new BtydObservation(2, 10, 20);
        var at = BgNbdModel.ExpectedPurchases(new BgNbdParameters(0.5, 5, 1.0, 2), customer, 15)!.Value;
        var below = BgNbdModel.ExpectedPurchases(new BgNbdParameters(0.5, 5, 1.0 - 1e-3, 2), customer, 15)!.Value;
        var above = BgNbdModel.ExpectedPurchases(new BgNbdParameters(0.5, 5, 1.0 + 1e-3, 2), customer, 15)!.Value;
        Assert.True(double.IsFinite(at));
        Assert.InRange(at, Math.Min(below, above) - 1e-6, Math.Max(below, above) + 1e-6);
    }

    [Fact]
    public void Invalid_inputs_are_rejected_at_the_boundary()
    {
        Assert.Throws<ArgumentException>(() => BgNbdModel.LogLikelihood(Cdnow, new BtydObservation(1, 40, 30)));
        Assert.Throws<ArgumentException>(() => BgNbdModel.LogLikelihood(Cdnow, new BtydObservation(2, 0, 30)));
        Assert.Throws<ArgumentException>(() => BgNbdModel.LogLikelihood(new BgNbdParameters(double.NaN, 1, 1, 1), new BtydObservation(0, 0, 3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => BgNbdModel.ExpectedPurchases(Cdnow, new BtydObservation(0, 0, 3), -1));
    }

    private static Gen<(BgNbdParameters P, BtydObservation C)> ParametersAndCustomers() =>
        from r in Gen.Choose(5, 300).Select(i => i / 100.0)
        from alpha in Gen.Choose(10, 2000).Select(i => i / 100.0)
        from a in Gen.Choose(5, 300).Select(i => i / 100.0)
        from b in Gen.Choose(5, 500).Select(i => i / 100.0)
        from x in Gen.Choose(0, 30)
        from age in Gen.Choose(1, 100)
        from recency in Gen.Choose(x == 0 ? 0 : 1, age)
        select (new BgNbdParameters(r, alpha, a, b), new BtydObservation(x, x == 0 ? 0 : recency, age));

    [Property(MaxTest = 200)]
    public Property Log_likelihood_equals_the_direct_product_formula() =>
        Prop.ForAll(ParametersAndCustomers().ToArbitrary(), pc =>
        {
            var (p, c) = pc;
            double x = c.Frequency;
            // The likelihood written with Beta and Gamma functions in log space term by term, independently of the
            // implementation's grouping and log-sum-exp.
            var lnCommon = SpecialFunctions.BetaLn(p.A, p.B + x) - SpecialFunctions.BetaLn(p.A, p.B)
                + SpecialFunctions.GammaLn(p.R + x) - SpecialFunctions.GammaLn(p.R) + p.R * Math.Log(p.Alpha);
            var first = Math.Exp(lnCommon - (p.R + x) * Math.Log(p.Alpha + c.Age));
            var second = x > 0
                ? Math.Exp(SpecialFunctions.BetaLn(p.A + 1, p.B + x - 1) - SpecialFunctions.BetaLn(p.A, p.B)
                    + SpecialFunctions.GammaLn(p.R + x) - SpecialFunctions.GammaLn(p.R) + p.R * Math.Log(p.Alpha)
                    - (p.R + x) * Math.Log(p.Alpha + c.Recency))
                : 0;
            var expected = Math.Log(first + second);
            var actual = BgNbdModel.LogLikelihood(p, c);
            return !double.IsFinite(expected) || Math.Abs(actual - expected) <= 1e-8 * Math.Max(1, Math.Abs(expected));
        });

    [Property(MaxTest = 150)]
    public Property Predictions_are_finite_probabilities_and_grow_with_the_horizon() =>
        Prop.ForAll(ParametersAndCustomers().ToArbitrary(), pc =>
        {
            var (p, c) = pc;
            var alive = BgNbdModel.ProbabilityAlive(p, c);
            var near = BgNbdModel.ExpectedPurchases(p, c, 10);
            var far = BgNbdModel.ExpectedPurchases(p, c, 50);
            return alive is >= 0 and <= 1 && near is { } n && far is { } f && double.IsFinite(n) && n >= 0 && f >= n - 1e-9;
        });

    [Property(MaxTest = 100)]
    public Property Analytic_gradient_matches_finite_differences() =>
        Prop.ForAll(ParametersAndCustomers().ToArbitrary(), pc =>
        {
            var (p, c) = pc;
            var likelihood = new BgNbdLikelihood([(c, 1.0), (new BtydObservation(0, 0, c.Age + 1), 2.0)]);
            double[] theta = [Math.Log(p.R), Math.Log(p.Alpha), Math.Log(p.A), Math.Log(p.B)];
            var gradient = new double[4];
            likelihood.Evaluate(theta, gradient);
            var scratch = new double[4];
            for (var i = 0; i < 4; i++)
            {
                const double h = 1e-6;
                var plus = (double[])theta.Clone();
                var minus = (double[])theta.Clone();
                plus[i] += h;
                minus[i] -= h;
                var numeric = (likelihood.Evaluate(plus, scratch) - likelihood.Evaluate(minus, scratch)) / (2 * h);
                if (Math.Abs(numeric - gradient[i]) > 1e-5 * Math.Max(1, Math.Abs(numeric)))
                    return false;
            }
            return true;
        });

    [Fact]
    public void Expected_purchases_of_new_customers_match_simulation()
    {
        // Simulated mean repeat purchases over T = 30 of customers born at 0 vs the closed form E[X(30)].
        var p = new BgNbdParameters(0.6, 5, 1.4, 3);
        var simulated = Simulation.Customers(40_000, p, null, seed: 7, minAge: 30, maxAge: 30);
        var mean = simulated.Average(c => c.Frequency);
        var standardError = Math.Sqrt(simulated.Select(c => Math.Pow(c.Frequency - mean, 2)).Average() / simulated.Count);
        var expected = BgNbdModel.ExpectedPurchasesNewCustomer(p, 30)!.Value;
        Assert.InRange(mean, expected - 4 * standardError, expected + 4 * standardError);
    }
}
