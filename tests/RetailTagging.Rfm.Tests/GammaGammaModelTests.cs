using RetailTagging.Rfm.Prediction;

namespace RetailTagging.Rfm.Tests;

public class GammaGammaModelTests
{
    private static readonly GammaGammaParameters Cdnow = new(6.25, 3.74, 15.44);

    // mpmath references: the density of the mean of x Gamma(p, nu) values with nu ~ Gamma(q, gamma), and
    // E[M | x, m] = p (gamma + x m) / (p x + q - 1).
    [Theory]
    [InlineData(1, 20.0, -3.5941964929491958785, 24.638487208008898776)]
    [InlineData(3, 35.5, -4.0905522096788454492, 35.464169381107491857)]
    [InlineData(10, 12.25, -4.0437118209735014834, 13.214668914776210914)]
    public void Matches_independent_values(int x, double mean, double logLikelihood, double expectedValue)
    {
        Assert.Equal(logLikelihood, GammaGammaModel.LogLikelihood(Cdnow, x, mean), 1e-10);
        Assert.Equal(expectedValue, GammaGammaModel.ExpectedAverageValue(Cdnow, x, mean)!.Value, 1e-10);
    }

    [Fact]
    public void Without_repeats_the_expectation_is_the_population_mean()
    {
        Assert.Equal(35.218978102189781022, GammaGammaModel.ExpectedAverageValue(Cdnow, 0, null)!.Value, 1e-10);
        Assert.Null(GammaGammaModel.ExpectedAverageValue(new GammaGammaParameters(2, 0.8, 10), 0, null));
        Assert.Null(GammaGammaModel.ExpectedAverageValue(Cdnow, 2, 0));
    }

    [Fact]
    public void Invalid_inputs_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GammaGammaModel.LogLikelihood(Cdnow, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => GammaGammaModel.LogLikelihood(Cdnow, 2, -1));
        Assert.Throws<ArgumentException>(() => GammaGammaModel.LogLikelihood(new GammaGammaParameters(0, 1, 1), 2, 1));
    }
}
