using RetailTagging.Synthetic;

namespace RetailTagging.Synthetic.Tests;

/// <summary>The population follows the configured behavioural model, within sampling error.</summary>
public class DistributionTests
{
    private static IReadOnlyList<SyntheticCustomer> All => Population.Default;

    private static int Purchases(SyntheticCustomer c) => c.Events.Count(e => e.Type == EventTypes.Purchase);

    [Fact]
    public void About_twenty_events_per_customer_on_average()
    {
        var mean = All.Average(c => c.Events.Count);
        Assert.InRange(mean, 16, 26);
    }

    [Fact]
    public void Purchase_rates_follow_the_configured_gamma_mean()
    {
        var o = Population.Options;
        var expected = o.PurchaseRateShape / o.PurchaseRateAlphaDays;
        Assert.InRange(All.Average(c => c.Traits.PurchaseRatePerDay), expected * 0.9, expected * 1.1);
        // Gamma with shape below 1: the standard deviation exceeds the mean (strong heterogeneity).
        var rates = All.Select(c => c.Traits.PurchaseRatePerDay).ToList();
        var sd = Math.Sqrt(rates.Average(r => (r - rates.Average()) * (r - rates.Average())));
        Assert.InRange(sd / expected, 0.9, 1.25);
    }

    [Fact]
    public void Dropout_probabilities_follow_the_configured_beta_mean()
    {
        var o = Population.Options;
        var expected = o.DropoutA / (o.DropoutA + o.DropoutB);
        Assert.InRange(All.Average(c => c.Traits.DropoutProbability), expected * 0.9, expected * 1.1);
        Assert.All(All, c => Assert.InRange(c.Traits.DropoutProbability, 0, 1));
    }

    [Fact]
    public void Nobody_buys_after_dropping_out()
    {
        var dropped = All.Where(c => c.Traits.DroppedOutAt is not null).ToList();
        Assert.True(dropped.Count > All.Count / 5, $"only {dropped.Count} customers dropped out");
        Assert.All(dropped, c => Assert.DoesNotContain(c.Events, e => e.Type == EventTypes.Purchase && e.At > c.Traits.DroppedOutAt));
    }

    [Fact]
    public void Faster_buyers_buy_more()
    {
        var buyers = All.Where(c => c.Traits.IsBuyer).OrderBy(c => c.Traits.PurchaseRatePerDay).ToList();
        var quarter = buyers.Count / 4;
        var slow = buyers.Take(quarter).Average(Purchases);
        var fast = buyers.Skip(3 * quarter).Average(Purchases);
        Assert.True(fast > 2 * slow, $"fast buyers average {fast:F2} purchases, slow {slow:F2}");
    }

    [Fact]
    public void Never_purchased_share_is_as_configured_and_follows_the_option()
    {
        var share = All.Count(c => Purchases(c) == 0) / (double)All.Count;
        Assert.InRange(share, Population.Options.NeverPurchasedShare, Population.Options.NeverPurchasedShare + 0.06);
        Assert.All(All.Where(c => !c.Traits.IsBuyer), c => Assert.Equal(0, Purchases(c)));

        var half = new RetailDataGenerator(Population.Options with { NeverPurchasedShare = 0.5, CustomerCount = 2_000 }).Customers()
            .Count(c => !c.Traits.IsBuyer) / 2_000.0;
        Assert.InRange(half, 0.45, 0.55);
    }

    [Fact]
    public void Typical_order_values_are_log_normal_around_the_configured_median()
    {
        var median = Math.Exp(Population.Options.OrderValueLogMean);
        var typical = All.Select(c => (double)c.Traits.TypicalOrderValue).Order().ToList();
        Assert.InRange(typical[typical.Count / 2], median * 0.9, median * 1.1);
        var logs = typical.Select(x => Math.Log(x)).ToList();
        var sd = Math.Sqrt(logs.Average(l => (l - logs.Average()) * (l - logs.Average())));
        Assert.InRange(sd, Population.Options.OrderValueLogSigmaBetweenCustomers * 0.9, Population.Options.OrderValueLogSigmaBetweenCustomers * 1.1);
    }

    [Fact]
    public void Order_amounts_are_right_skewed_and_roughly_symmetric_in_logs()
    {
        var amounts = All.SelectMany(c => c.Events).Where(e => e.Type == EventTypes.Purchase).Select(e => (double)e.Amount!.Value).ToList();
        var sorted = amounts.Order().ToList();
        Assert.True(amounts.Average() > sorted[sorted.Count / 2] * 1.1, "a log-normal's mean lies well above its median");
        var logs = amounts.Select(x => Math.Log(x)).ToList();
        var mean = logs.Average();
        var sd = Math.Sqrt(logs.Average(l => (l - mean) * (l - mean)));
        var skew = logs.Average(l => Math.Pow((l - mean) / sd, 3));
        Assert.InRange(skew, -0.6, 0.6);
    }

    [Fact]
    public void Doubling_the_rate_parameter_halves_purchases_roughly()
    {
        var slower = new RetailDataGenerator(Population.Options with { PurchaseRateAlphaDays = Population.Options.PurchaseRateAlphaDays * 2, CustomerCount = 2_000 })
            .Customers().Average(Purchases);
        var normal = All.Take(2_000).Average(Purchases);
        Assert.InRange(slower / normal, 0.4, 0.8);
    }

    [Fact]
    public void Every_channel_and_event_type_is_represented()
    {
        var purchases = All.SelectMany(c => c.Events).Where(e => e.Type == EventTypes.Purchase).ToList();
        foreach (var channel in new[] { "pos", "online", "mini_program" })
            Assert.InRange(purchases.Count(p => p.Channel == channel) / (double)purchases.Count, 0.1, 0.7);
        var types = All.SelectMany(c => c.Events).Select(e => e.Type).ToHashSet();
        Assert.Equal(EventTypes.All.Order(), types.Order());
    }

    [Fact]
    public void Carts_are_sometimes_abandoned_and_sometimes_checked_out()
    {
        var events = All.SelectMany(c => c.Events).ToList();
        var carts = events.Count(e => e.Type == EventTypes.CartAdd);
        var checkouts = events.Count(e => e.Type == EventTypes.Checkout);
        Assert.True(checkouts > 0 && carts > checkouts * 1.05, $"{carts} cart adds, {checkouts} checkouts");
    }

    [Fact]
    public void Shanghai_holds_a_sizeable_share_of_members()
    {
        var share = All.Count(c => c.Customer.City == "Shanghai") / (double)All.Count;
        Assert.InRange(share, 0.10, 0.20);
    }
}
