using Microsoft.Extensions.Time.Testing;
using RetailTagging.Lifecycle.Tests.Support;

namespace RetailTagging.Lifecycle.Tests.Scheduling;

public sealed class ConcurrencyTests
{
    private static LifecycleOptions Options() => new LifecycleOptions { FrequencyCap = new FrequencyCap(2, TimeSpan.FromDays(1)) }.Add(
        Trigger.OnEvent("welcome", "sign_up"),
        Trigger.OnEvent("cart", "cart_add").NotFollowedBy("checkout", TimeSpan.FromMinutes(30)).WithCooldown(TimeSpan.FromHours(1)),
        Playbooks.ComplaintCallBack());

    private static List<CustomerEvent> Events()
    {
        var random = new Random(11);
        string[] types = ["sign_up", "cart_add", "cart_add", "checkout", "complaint"];
        return [.. Enumerable.Range(0, 4000).Select(i => Harness.Event($"e{i}", $"c{random.Next(300)}", types[random.Next(types.Length)], Harness.Start.AddSeconds(i / 100)))];
    }

    private static async Task<List<string>> Run(IReadOnlyList<CustomerEvent> events, int threads)
    {
        var time = new FakeTimeProvider(Harness.Start.AddMinutes(1));
        var sink = new RecordingSink(time);
        var scheduler = new TriggerScheduler(Options(), sink, timeProvider: time);
        // Each customer's events stay in order on one worker; customers are spread over the workers.
        var partitions = events.GroupBy(e => e.CustomerId).GroupBy(g => (g.Key.GetHashCode() & int.MaxValue) % threads);
        var sweeps = Task.Run(async () => { for (var i = 0; i < 50; i++) await scheduler.AdvanceAsync(); });
        await Task.WhenAll(partitions.Select(p => Task.Run(async () =>
        {
            foreach (var e in p.SelectMany(g => g)) await scheduler.OnEventAsync(e);
        })).Append(sweeps));
        time.Advance(TimeSpan.FromHours(1));
        await scheduler.AdvanceAsync();
        return [.. sink.Keys.Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Parallel_ingestion_of_different_customers_decides_exactly_like_a_serial_run()
    {
        var events = Events();
        var serial = await Run(events, 1);
        var parallel = await Run(events, 4);
        Assert.True(serial.Count > 500);
        Assert.Equal(serial, parallel);
    }
}
