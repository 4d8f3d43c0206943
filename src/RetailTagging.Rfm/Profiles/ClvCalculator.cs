using RetailTagging.Rfm.Prediction;

namespace RetailTagging.Rfm.Profiles;

/// <summary>
/// Discounted CLV from the BG/NBD and the Gamma-Gamma: the horizon is cut into n = floor(H / period) periods and
/// CLV = margin * E[M] * sum_i (E[Y(i period)] - E[Y((i-1) period)]) / (1 + d)^i, with the per-period rate
/// d = (1 + annual rate)^(period days / 365) - 1 (the discrete form used by the lifetimes package).
/// </summary>
internal static class ClvCalculator
{
    public static double? Compute(BgNbdParameters bgNbd, BtydObservation customer, double expectedAov, RfmOptions options)
    {
        var periods = Math.Max(1, (int)Math.Floor(options.ClvHorizon / options.ClvPeriod));
        var periodDays = options.ClvPeriod.TotalDays;
        var rate = Math.Pow(1 + options.AnnualDiscountRate, periodDays / 365.0) - 1;
        var step = bgNbd.TimeUnit.FromDays(periodDays);
        double total = 0, previous = 0;
        for (var i = 1; i <= periods; i++)
        {
            if (BgNbdModel.ExpectedPurchases(bgNbd, customer, i * step) is not { } cumulative)
                return null;
            total += (cumulative - previous) / Math.Pow(1 + rate, i);
            previous = cumulative;
        }
        var clv = options.ProfitMargin * expectedAov * total;
        return double.IsFinite(clv) ? clv : null;
    }
}
