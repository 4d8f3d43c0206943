using System.Runtime.CompilerServices;
using RetailTagging.Synthetic;

namespace RetailTagging.Synthetic.Tests;

public class StreamingTests
{
    private static readonly RetailDataGenerator TenMillion = new(new RetailDataOptions { Seed = 42, CustomerCount = 10_000_000 });

    [Fact]
    public void The_millionth_customer_is_generated_directly_without_the_ones_before()
    {
        var millionth = TenMillion.Generate(999_999);
        Assert.Equal("C01000000", millionth.Customer.Id);
        Assert.Equal(999_999, millionth.Index);
        Assert.Equal(Fingerprint.Of(millionth), Fingerprint.Of(TenMillion.Customers(999_999, 1).Single()));
    }

    [Fact]
    public void The_last_customer_of_ten_million_exists()
    {
        var last = TenMillion.Generate(9_999_999);
        Assert.Equal("C10000000", last.Customer.Id);
    }

    [Fact]
    public void Enumerating_is_lazy()
    {
        // Taking three of ten million returns at once: nothing is generated ahead.
        var three = TenMillion.Customers().Take(3).ToList();
        Assert.Equal(3, three.Count);
    }

    [Fact]
    public void The_stream_does_not_keep_customers_it_has_yielded()
    {
        using var stream = TenMillion.Customers().GetEnumerator();
        var first = NextWeakly(stream);
        for (var i = 0; i < 2_000; i++) Assert.True(stream.MoveNext());
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(first.TryGetTarget(out _), "the first customer is still reachable after streaming 2,000 more");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<SyntheticCustomer> NextWeakly(IEnumerator<SyntheticCustomer> stream)
    {
        Assert.True(stream.MoveNext());
        return new WeakReference<SyntheticCustomer>(stream.Current);
    }

    [Fact]
    public void Cancellation_stops_the_stream()
    {
        using var cts = new CancellationTokenSource();
        var seen = 0;
        Assert.Throws<OperationCanceledException>(() =>
        {
            foreach (var _ in TenMillion.Customers(cts.Token))
                if (++seen == 10) cts.Cancel();
        });
        Assert.Equal(10, seen);
    }

    [Fact]
    public void Events_streams_every_event_of_every_customer()
    {
        var generator = new RetailDataGenerator(new RetailDataOptions { CustomerCount = 50 });
        Assert.Equal(generator.Customers().Sum(c => c.Events.Count), generator.Events().Count());
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    [InlineData(100_000_001L)]
    public void Out_of_range_population_sizes_are_rejected(long count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetailDataGenerator(new RetailDataOptions { CustomerCount = count }));

    [Fact]
    public void Bad_options_are_rejected_with_the_option_named()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RetailDataGenerator(new RetailDataOptions { DropoutA = 0 }));
        Assert.Equal("DropoutA", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetailDataGenerator(new RetailDataOptions { NeverPurchasedShare = 1.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetailDataGenerator(new RetailDataOptions { HistoryDays = 3 }));
        Assert.ThrowsAny<ArgumentException>(() => new RetailDataGenerator(new RetailDataOptions { CustomerIdPrefix = " " }));
    }

    [Fact]
    public void Indexes_outside_the_population_are_rejected()
    {
        var generator = new RetailDataGenerator(new RetailDataOptions { CustomerCount = 10 });
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Customers(5, 6));
    }
}
