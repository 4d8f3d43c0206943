using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Synthetic;

namespace RetailTagging.Synthetic.Tests;

public class DeterminismTests
{
    private static RetailDataGenerator Generator(int seed, long count = 1_000) => new(new RetailDataOptions { Seed = seed, CustomerCount = count });

    [Property(MaxTest = 40)]
    public Property Same_seed_and_index_give_the_same_customer_from_independent_generators() =>
        Prop.ForAll(Gen.Choose(0, 999).ToArbitrary(), ArbMap.Default.ArbFor<int>(), (index, seed) =>
            Fingerprint.Of(Generator(seed).Generate(index)) == Fingerprint.Of(Generator(seed).Generate(index)));

    [Property(MaxTest = 25)]
    public Property A_customer_does_not_depend_on_the_population_size_or_on_what_was_consumed_before() =>
        Prop.ForAll(Gen.Choose(0, 299).ToArbitrary(), index =>
        {
            var streamed = Generator(5, 300).Customers().ElementAt(index);
            var direct = Generator(5, 10_000_000).Generate(index);
            var slice = Generator(5, 10_000_000).Customers(index, 1).Single();
            return Fingerprint.Of(streamed) == Fingerprint.Of(direct) && Fingerprint.Of(direct) == Fingerprint.Of(slice);
        });

    [Fact]
    public void The_whole_stream_is_reproducible()
    {
        var first = Generator(11, 300).Customers().Select(Fingerprint.Of).ToList();
        var second = Generator(11, 300).Customers().Select(Fingerprint.Of).ToList();
        Assert.Equal(first, second);
    }

    [Fact]
    public void Different_seeds_give_different_data()
    {
        var a = Generator(1, 50).Customers().Select(Fingerprint.Of).ToList();
        var b = Generator(2, 50).Customers().Select(Fingerprint.Of).ToList();
        Assert.Empty(a.Intersect(b));
    }

    [Fact]
    public void Customers_are_numbered_in_order_with_stable_ids()
    {
        var customers = Generator(3, 25).Customers().ToList();
        Assert.Equal(Enumerable.Range(0, 25).Select(i => (long)i), customers.Select(c => c.Index));
        Assert.Equal("C00000001", customers[0].Customer.Id);
        Assert.Equal("C00000025", customers[24].Customer.Id);
    }

    [Fact]
    public void The_as_of_option_moves_the_data_and_nothing_is_later_than_it()
    {
        var asOf = new DateTimeOffset(2022, 3, 15, 12, 0, 0, TimeSpan.FromHours(8));
        var generator = new RetailDataGenerator(new RetailDataOptions { AsOf = asOf, CustomerCount = 200 });
        var all = generator.Customers().ToList();
        Assert.All(all.SelectMany(c => c.Events), e => Assert.True(e.At <= asOf, $"{e.Id} at {e.At} is after {asOf}"));
        Assert.Contains(all.SelectMany(c => c.Events), e => e.At > asOf.AddDays(-30));
    }
}
