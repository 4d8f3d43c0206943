using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Rfm.Prediction;

namespace RetailTagging.Rfm.Tests;

public class HypergeometricTests
{
    private static double F(double a, double b, double c, double z)
    {
        Assert.True(Hypergeometric.TryGauss2F1(a, b, c, z, out var value));
        return value;
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void Matches_closed_forms(double z)
    {
        Assert.Equal(-Math.Log(1 - z) / z, F(1, 1, 2, z), 1e-12 * Math.Abs(Math.Log(1 - z) / z));
        Assert.Equal(Math.Pow(1 - z, -2.5), F(2.5, 1.3, 1.3, z), 1e-11 * Math.Pow(1 - z, -2.5));
        var s = Math.Sqrt(z);
        Assert.Equal(Math.Asin(s) / s, F(0.5, 0.5, 1.5, z), 1e-12);
    }

    [Fact]
    public void A_non_positive_integer_parameter_gives_the_polynomial()
    {
        // 2F1(-2, b; c; z) = 1 - 2bz/c + b(b+1)z^2/(c(c+1)).
        double b = 1.7, c = 3.1, z = 0.8;
        Assert.Equal(1 - 2 * b * z / c + b * (b + 1) * z * z / (c * (c + 1)), F(-2, b, c, z), 1e-14);
    }

    [Theory]
    // Reference values from mpmath.hyp2f1 at 30 digits.
    [InlineData(0.3, 2.7, 1.9, 0.95, 6.955468001328605622)]
    [InlineData(-0.207, 1.5, -0.4, 0.6, 3.0915825802135958895)]
    [InlineData(2.5, 40.2, 45.1, 0.999, 695.63385122112253562)]
    public void Matches_high_precision_references(double a, double b, double c, double z, double expected) =>
        Assert.Equal(expected, F(a, b, c, z), expected * 1e-11);

    [Theory]
    [InlineData(1, 1, 2, 1.0)]
    [InlineData(1, 1, 2, -0.1)]
    [InlineData(1, 1, -2, 0.5)]
    [InlineData(1, 1, 2, double.NaN)]
    public void Outside_its_domain_it_reports_failure_not_NaN(double a, double b, double c, double z)
    {
        Assert.False(Hypergeometric.TryGauss2F1(a, b, c, z, out var value));
        Assert.True(double.IsNaN(value));
    }

    [Property(MaxTest = 200)]
    public Property Euler_transformation_holds()
    {
        // 2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z): the identity the BG/NBD predictions rely on.
        var gen = from a in Gen.Choose(1, 400).Select(i => i / 100.0)
                  from b in Gen.Choose(1, 400).Select(i => i / 100.0)
                  from c in Gen.Choose(10, 600).Select(i => i / 100.0)
                  from z in Gen.Choose(0, 95).Select(i => i / 100.0)
                  select (a, b, c, z);
        return Prop.ForAll(gen.ToArbitrary(), p =>
        {
            var (a, b, c, z) = p;
            var direct = F(a, b, c, z);
            var transformed = Math.Pow(1 - z, c - a - b) * F(c - a, c - b, c, z);
            return Math.Abs(direct - transformed) <= 1e-9 * Math.Max(1, Math.Abs(direct));
        });
    }
}
