using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Rfm.Calculation;
using static RetailTagging.Rfm.Tests.Events;

namespace RetailTagging.Rfm.Tests;

public class RfmCalculatorTests
{
    private static readonly RfmCalculator Calculator = new(new RfmOptions());
    private static readonly DateTimeOffset AsOf = Day(31, hour: 23);

    [Fact]
    public void Computes_the_documented_definitions()
    {
        CustomerEvent[] history =
        [
            Purchase(1, 100m, "dairy", "pos"),
            Purchase(1, 50m, "snacks", "online"),
            Purchase(11, 30m, "dairy", "app"),
            Purchase(21, 20m, "toys", "pos"),
            Refund(22, 40m),
            Other(25, EventTypes.PageView),
            Purchase(40, 999m), // after the as-of instant: ignored
        ];
        var rfm = Calculator.Compute("c1", history, AsOf);

        Assert.Equal(4, rfm.Orders);
        Assert.Equal(3, rfm.PurchaseDays);
        Assert.Equal(4, rfm.Frequency);
        Assert.Equal(200m, rfm.GrossSpend);
        Assert.Equal(40m, rfm.Refunds);
        Assert.Equal(160m, rfm.NetSpend);
        Assert.Equal(160m, rfm.Monetary);
        Assert.Equal(10, rfm.RecencyDays);
        Assert.Equal(30, rfm.AgeDays);
        Assert.Equal("dairy", rfm.TopCategory);
        Assert.Equal(0.65m, rfm.TopCategoryShare);
        Assert.Equal(0.5m, rfm.OnlineShare);
        Assert.Equal(10m, rfm.CycleDays);
        Assert.Equal(Day(31), rfm.NextPurchaseAt);
        Assert.Equal(2, rfm.RepeatDays);
        Assert.Equal(20, rfm.RepeatSpanDays);
        Assert.Equal(25m, rfm.RepeatAverageSpend);
        Assert.False(rfm.RefundsExceedPurchases);
    }

    [Fact]
    public void Options_switch_frequency_to_days_and_monetary_to_average()
    {
        var calculator = new RfmCalculator(new RfmOptions { Frequency = FrequencyBasis.DistinctPurchaseDays, Monetary = MonetaryBasis.AveragePerOrder });
        var rfm = calculator.Compute("c1", [Purchase(1, 10m), Purchase(1, 20m), Purchase(2, 30m)], AsOf);
        Assert.Equal(2, rfm.Frequency);
        Assert.Equal(20m, rfm.Monetary);
    }

    [Fact]
    public void Bad_amounts_and_duplicates_are_left_out_and_counted()
    {
        var rfm = Calculator.Compute("c1",
            [Purchase(1, 10m, id: "a"), Purchase(1, 10m, id: "a"), Purchase(2, -5m), Purchase(3, null), Refund(4, 0m), Purchase(5, 0m)], AsOf);
        Assert.Equal(2, rfm.Orders); // the zero-value purchase is an order
        Assert.Equal(10m, rfm.NetSpend);
        Assert.Equal(3, rfm.IgnoredEvents);
        Assert.Equal(1, rfm.DuplicateEvents);
    }

    [Fact]
    public void Refunds_larger_than_purchases_floor_at_zero_and_are_flagged()
    {
        var rfm = Calculator.Compute("c1", [Purchase(1, 30m), Refund(2, 80m)], AsOf);
        Assert.Equal(0m, rfm.NetSpend);
        Assert.Equal(0m, rfm.Monetary);
        Assert.True(rfm.RefundsExceedPurchases);
    }

    [Fact]
    public void A_customer_without_purchases_has_no_recency()
    {
        var rfm = Calculator.Compute("c1", [Other(1, EventTypes.PageView), Refund(2, 5m)], AsOf);
        Assert.False(rfm.HasPurchases);
        Assert.Null(rfm.RecencyDays);
        Assert.Null(rfm.AgeDays);
        Assert.Null(rfm.OnlineShare);
        Assert.Equal(0, rfm.Frequency);
        Assert.True(rfm.RefundsExceedPurchases);
    }

    [Fact]
    public void Calendar_days_follow_the_business_time_zone()
    {
        // 2024-01-01 20:00 UTC is already 2024-01-02 in UTC+8: one day later, so recency is one day shorter.
        var shanghai = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
        var utc = Calculator.Compute("c1", [Purchase(1, 5m, hour: 20)], Day(10, hour: 12));
        var local = new RfmCalculator(new RfmOptions { TimeZone = shanghai }).Compute("c1", [Purchase(1, 5m, hour: 20)], Day(10, hour: 12));
        Assert.Equal(9, utc.RecencyDays);
        Assert.Equal(8, local.RecencyDays);
    }

    [Fact]
    public void Shares_and_cycles_are_rounded_half_up()
    {
        var rfm = Calculator.Compute("c1", [Purchase(1, 1m, channel: "app"), Purchase(2, 1m, channel: "web"), Purchase(11, 1m, channel: "pos")], AsOf);
        Assert.Equal(0.6667m, rfm.OnlineShare);
        Assert.Equal(5.00m, rfm.CycleDays);
        var four = Calculator.Compute("c1", [Purchase(1, 1m), Purchase(2, 2m, channel: "online"), Purchase(3, 1m), Purchase(11, 1m)], AsOf);
        Assert.Equal(3.33m, four.CycleDays);
        Assert.Equal(0.25m, four.OnlineShare);
    }

    [Fact]
    public void Category_ties_go_to_the_ordinally_smaller_name()
    {
        var rfm = Calculator.Compute("c1", [Purchase(1, 10m, "toys"), Purchase(2, 10m, "books")], AsOf);
        Assert.Equal("books", rfm.TopCategory);
    }

    [Property(MaxTest = 100)]
    public Property The_result_does_not_depend_on_event_order()
    {
        var gen = from days in Gen.Choose(1, 40).ListOf()
                  from seed in Gen.Choose(0, 1000)
                  select (days, seed);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var history = input.days.Select((d, i) => i % 4 == 3 ? Refund(d, 3m) : Purchase(d, d + 0.5m, i % 2 == 0 ? "a" : "b", i % 3 == 0 ? "online" : "pos")).ToList();
            var shuffled = history.OrderBy(_ => new Random(input.seed).Next()).ToList();
            var first = Calculator.Compute("c1", history, AsOf);
            var second = Calculator.Compute("c1", shuffled, AsOf);
            return first with { CategorySpend = second.CategorySpend } == second
                && first.CategorySpend.OrderBy(p => p.Key).SequenceEqual(second.CategorySpend.OrderBy(p => p.Key));
        });
    }

    [Property(MaxTest = 100)]
    public Property The_scoring_fast_path_agrees_with_the_full_summary()
    {
        var gen = from days in Gen.Choose(1, 40).ListOf()
                  from byDays in Gen.Elements(true, false)
                  from average in Gen.Elements(true, false)
                  select (days, byDays, average);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var calculator = new RfmCalculator(new RfmOptions
            {
                Frequency = input.byDays ? FrequencyBasis.DistinctPurchaseDays : FrequencyBasis.Orders,
                Monetary = input.average ? MonetaryBasis.AveragePerOrder : MonetaryBasis.Total,
            });
            var history = input.days.Select((d, i) => i % 3 == 2 ? Refund(d, 7m) : Purchase(d, d * 1.5m)).ToList();
            var full = calculator.Compute("c1", history, AsOf);
            var fast = calculator.ComputeScoringValues(history, AsOf);
            return fast == (full.RecencyDays, full.Frequency, full.Monetary);
        });
    }

    [Fact]
    public void The_population_builder_matches_per_customer_computation()
    {
        var builder = new RfmPopulationBuilder(Calculator);
        var a = new[] { Purchase(1, 10m), Purchase(5, 20m) }.Select(e => new CustomerEvent(e.Id, "a", e.Type, e.At) { Amount = e.Amount });
        var b = new[] { Purchase(3, 7m) }.Select(e => new CustomerEvent(e.Id, "b", e.Type, e.At) { Amount = e.Amount });
        var all = a.Concat(b).ToList();
        foreach (var e in all.AsEnumerable().Reverse())
            builder.Add(e);
        var summaries = builder.Summarize(AsOf).ToList();
        Assert.Equal(["a", "b"], summaries.Select(s => s.CustomerId));
        Assert.Equal(Calculator.Compute("a", all.Where(e => e.CustomerId == "a"), AsOf) with { CategorySpend = summaries[0].CategorySpend }, summaries[0]);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new RfmCalculator(new RfmOptions { Bins = 1 }));
        Assert.Throws<ArgumentException>(() => new RfmCalculator(new RfmOptions { Bins = 4 })); // classic map needs 5
        Assert.Throws<ArgumentException>(() => new RfmCalculator(new RfmOptions { RefundTypes = new HashSet<string> { EventTypes.Purchase } }));
        Assert.Throws<ArgumentException>(() => new RfmCalculator(new RfmOptions { AnnualDiscountRate = double.NaN }));
    }
}
