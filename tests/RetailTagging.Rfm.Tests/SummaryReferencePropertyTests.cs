using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Rfm.Calculation;
using static RetailTagging.Rfm.Tests.Events;

namespace RetailTagging.Rfm.Tests;

/// <summary>
/// The calculator summarises in one pass without sorting the history; these laws compare it with the
/// definitions computed the slow way, over a history sorted by time.
/// </summary>
public sealed class SummaryReferencePropertyTests
{
    private static readonly DateTimeOffset AsOf = Day(60);

    private static readonly Gen<List<CustomerEvent>> Histories =
        from items in (from day in Gen.Choose(1, 70)
                       from hour in Gen.Choose(0, 23)
                       from cents in Gen.Choose(0, 50_000)
                       from category in Gen.Elements("a", "b", "c", "d")
                       from refund in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
                       select (day, hour, cents, category, refund)).ListOf()
        select items.Select(x => x.refund ? Refund(x.day, x.cents / 100m + 1) : Purchase(x.day, x.cents / 100m, x.category, hour: x.hour)).ToList();

    [Fact]
    public void Categories_tied_on_time_are_listed_in_arrival_order_as_a_stable_sort_lists_them()
    {
        var calculator = new RfmCalculator(new RfmOptions());
        var rfm = calculator.Compute("c1", [Purchase(2, 1m, "a"), Purchase(1, 1m, "b"), Purchase(1, 1m, "a")], AsOf);
        Assert.Equal(["b", "a"], rfm.CategorySpend.Keys);
    }

    [Property(MaxTest = 300)]
    public Property Days_spend_and_categories_match_the_sorted_definitions() =>
        Prop.ForAll(Histories.ToArbitrary(), history =>
        {
            var calculator = new RfmCalculator(new RfmOptions { Frequency = FrequencyBasis.DistinctPurchaseDays });
            var rfm = calculator.Compute("c1", history, AsOf);
            var purchases = history.Where(e => e.Type == EventTypes.Purchase && e.At <= AsOf).OrderBy(e => e.At).ToList();
            if (purchases.Count == 0)
            {
                return !rfm.HasPurchases && rfm.RecencyDays is null;
            }
            var days = purchases.Select(e => DateOnly.FromDateTime(e.At.UtcDateTime).DayNumber).ToList();
            var firstDay = days.Min();
            var gross = purchases.Sum(e => e.Amount!.Value);
            var firstDaySpend = purchases.Where((e, i) => days[i] == firstDay).Sum(e => e.Amount!.Value);
            var repeatDays = days.Distinct().Count() - 1;
            var categoriesByFirstPurchase = purchases.Select(e => e.Category!).Distinct().ToList();
            return rfm.PurchaseDays == days.Distinct().Count()
                && rfm.Frequency == rfm.PurchaseDays
                && rfm.Orders == purchases.Count
                && rfm.GrossSpend == gross
                && rfm.RepeatDays == repeatDays
                && rfm.RepeatSpanDays == days.Max() - firstDay
                && rfm.RepeatAverageSpend == (repeatDays > 0 ? (gross - firstDaySpend) / repeatDays : null)
                && rfm.FirstPurchaseAt == purchases[0].At
                && rfm.LastPurchaseAt == purchases[^1].At
                && rfm.CategorySpend.Keys.SequenceEqual(categoriesByFirstPurchase)
                && categoriesByFirstPurchase.All(c => rfm.CategorySpend[c] == purchases.Where(e => e.Category == c).Sum(e => e.Amount!.Value));
        });
}
