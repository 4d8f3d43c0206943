using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Engine.State;
using static RetailTagging.Core.Tests.Engine.EngineFixture;

namespace RetailTagging.Core.Tests.Engine;

/// <summary>The incremental tagger's compact event log gives back exactly the events it was given.</summary>
public class EventLogProperties
{
    private static Arbitrary<int> Seeds => Arb.From(Gen.Choose(0, int.MaxValue));

    private static readonly IReadOnlyDictionary<string, object?> Properties = new Dictionary<string, object?> { ["coupon"] = "C-7", ["items"] = 3m };

    private static CustomerEvent RandomEvent(Random random, int i)
    {
        string? Pick(params string?[] values) => values[random.Next(values.Length)];
        decimal? Number() => random.Next(4) == 0 ? null : random.Next(0, 100_000) / (decimal)Math.Pow(10, random.Next(0, 4));
        var offset = TimeSpan.FromMinutes(15 * random.Next(-48, 57));
        var at = new DateTimeOffset(T.UtcDateTime.AddMinutes(-random.Next(0, 500_000)).AddTicks(random.Next(0, 10_000)).Add(offset).Ticks, offset);
        return new CustomerEvent($"e{i}", "c1", Pick("purchase", "refund", "cart_add")!, at)
        {
            Channel = Pick(null, "pos", "online"),
            Store = Pick(null, "S01", "S02"),
            Amount = Number(),
            Sku = Pick(null, "sku-1", "sku-2", "sku-3"),
            Category = Pick(null, "baby", "beauty"),
            Brand = Pick(null, "b1", "b2"),
            Quantity = Number(),
            Properties = random.Next(3) == 0 ? Properties : new Dictionary<string, object?>(),
        };
    }

    [Property(MaxTest = 100)]
    public Property LoggedEventsComeBackFieldByField() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var strings = new StringTable();
        var log = new EventLog();
        var events = Enumerable.Range(0, random.Next(0, 40)).Select(i => RandomEvent(random, i)).ToList();
        foreach (var e in events) log.Add(new LoggedEvent(e, strings));
        // Dropping some keeps the others in order.
        var cutoff = T.AddMinutes(-random.Next(0, 500_000));
        var removed = log.RemoveWhere(e => e.At <= cutoff);
        var kept = events.Where(e => e.At > cutoff).ToList();
        var back = log.ToEvents("c1", strings);
        return (removed == events.Count - kept.Count).Label($"seed {seed}: removed {removed}")
            .And(back.SequenceEqual(kept, Comparer).Label($"seed {seed}: events differ"))
            .And(kept.All(e => log.Holds(e.Id)) && !log.Holds("missing"));
    });

    private static readonly EqualityComparer<CustomerEvent> Comparer = EqualityComparer<CustomerEvent>.Create((a, b) =>
        a!.Id == b!.Id && a.CustomerId == b.CustomerId && a.Type == b.Type && a.At.EqualsExact(b.At) && a.Channel == b.Channel && a.Store == b.Store
        && a.Amount == b.Amount && a.Amount?.Scale == b.Amount?.Scale && a.Sku == b.Sku && a.Category == b.Category && a.Brand == b.Brand
        && a.Quantity == b.Quantity && a.Quantity?.Scale == b.Quantity?.Scale
        && a.Properties.OrderBy(p => p.Key).SequenceEqual(b.Properties.OrderBy(p => p.Key)));
}
