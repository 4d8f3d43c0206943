namespace RetailTagging.Synthetic.Retail;

/// <summary>A customer's hidden tastes: category and channel weights, price level and propensities.</summary>
internal sealed class CustomerTaste
{
    public required double[] CategoryWeights { get; init; }
    public required double[] ChannelWeights { get; init; }
    public required double LogTypicalOrderValue { get; init; }
    public required double PremiumBrandShare { get; init; }
    public required double CouponAffinity { get; init; }
    public required double RefundRate { get; init; }
    public required double ComplaintProneness { get; init; }
    public required bool HasYoungChild { get; init; }

    public int PreferredCategory => ArgMax(CategoryWeights);

    public int PreferredChannel => ArgMax(ChannelWeights);

    public double OnlineShare => (ChannelWeights[1] + ChannelWeights[2]) / ChannelWeights.Sum();

    public static CustomerTaste Draw(ref Rng rng, RetailDataOptions options, int age, bool female)
    {
        var categories = RetailReferenceData.Categories;
        // Young parents shop the baby aisles: a life stage drives several categories together.
        var youngChild = age is >= 24 and <= 40 && rng.Chance(female ? 0.45 : 0.25);
        var weights = new double[categories.Length];
        for (var c = 0; c < categories.Length; c++)
        {
            var boost = categories[c].Name switch
            {
                "maternity" or "baby_food" or "diapers" => youngChild ? 8.0 : 0.05,
                "toys" or "kids_apparel" => youngChild ? 3.0 : 0.4,
                "womens_apparel" or "beauty" => female ? 1.8 : 0.3,
                "mens_apparel" => female ? 0.4 : 2.0,
                "electronics" => female ? 0.7 : 1.6,
                "luxury" => age > 28 ? 1.0 : 0.3,
                _ => 1.0,
            };
            // Gamma(0.5) noise: most customers concentrate on a few categories (a Dirichlet draw).
            weights[c] = categories[c].Popularity * boost * rng.Gamma(0.5, 1.0);
        }

        var ageFactor = Math.Clamp((age - 20) / 40.0, 0, 1);
        double[] channels =
        [
            rng.Gamma(1.0 + 1.5 * ageFactor, 1.0), // pos: older customers shop in store
            rng.Gamma(1.2 - 0.6 * ageFactor, 1.0), // online
            rng.Gamma(1.0 - 0.4 * ageFactor, 1.0), // mini program
        ];

        return new CustomerTaste
        {
            CategoryWeights = weights,
            ChannelWeights = channels,
            LogTypicalOrderValue = options.OrderValueLogMean + options.OrderValueLogSigmaBetweenCustomers * rng.Normal(),
            PremiumBrandShare = rng.Beta(1.0, 3.0),
            CouponAffinity = rng.Beta(1.0, 4.0),
            RefundRate = rng.Beta(1.0, 14.0),
            ComplaintProneness = rng.Beta(1.0, 40.0),
            HasYoungChild = youngChild,
        };
    }

    private static int ArgMax(double[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }
}
