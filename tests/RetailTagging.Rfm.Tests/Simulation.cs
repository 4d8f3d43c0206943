using MathNet.Numerics.Distributions;
using RetailTagging.Rfm.Prediction;

namespace RetailTagging.Rfm.Tests;

/// <summary>Seeded simulation of customers from known BG/NBD and Gamma-Gamma parameters.</summary>
internal static class Simulation
{
    /// <summary>
    /// BG/NBD: each customer's rate is Gamma(r, alpha), dropout probability Beta(a, b); purchases are Poisson while
    /// alive, and after each repeat purchase the customer drops out with that probability. Observed for
    /// T uniform in [minAge, maxAge]. Gamma-Gamma: nu ~ Gamma(q, gamma), each repeat value ~ Gamma(p, nu).
    /// </summary>
    public static List<BtydObservation> Customers(int count, BgNbdParameters bg, GammaGammaParameters? gg, int seed,
        double minAge = 30, double maxAge = 40)
    {
        var random = new Random(seed);
        var customers = new List<BtydObservation>(count);
        for (var i = 0; i < count; i++)
        {
            var age = minAge + (maxAge - minAge) * random.NextDouble();
            var rate = Gamma.Sample(random, bg.R, bg.Alpha);
            var dropout = Beta.Sample(random, bg.A, bg.B);
            double t = 0, last = 0;
            var x = 0;
            while (true)
            {
                t += Exponential.Sample(random, rate);
                if (t > age)
                    break;
                x++;
                last = t;
                if (random.NextDouble() < dropout)
                    break;
            }
            double? mean = null;
            if (gg is not null && x > 0)
            {
                var nu = Gamma.Sample(random, gg.Q, gg.Gamma);
                double sum = 0;
                for (var k = 0; k < x; k++)
                    sum += Gamma.Sample(random, gg.P, nu);
                mean = sum / x;
            }
            customers.Add(new BtydObservation(x, last, age, mean));
        }
        return customers;
    }
}
