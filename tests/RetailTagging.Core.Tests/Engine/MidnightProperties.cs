using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Engine;
using RetailTagging.Language.Runtime;
using static RetailTagging.Core.Tests.Engine.EngineFixture;

namespace RetailTagging.Core.Tests.Engine;

/// <summary>
/// The replay's local midnights come from a cache keyed by the local dates of the interval's ends;
/// they must be the midnights found by stepping from one to the next, across daylight-saving changes
/// (New York skips and repeats an hour; Santiago's clocks skip midnight itself).
/// </summary>
public class MidnightProperties
{
    private static Arbitrary<int> Seeds => Arb.From(Gen.Choose(0, int.MaxValue));

    [Property(MaxTest = 300)]
    public Property CachedMidnightsEqualSteppedMidnights() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var zoneId = random.Next(3) switch { 0 => "America/New_York", 1 => "America/Santiago", _ => "Asia/Shanghai" };
        var engine = new TagEngine(CompileCatalog($"timezone \"{zoneId}\"\ntag soon ttl 3d = days_until_birthday(customer.birth_date) <= 2"));
        var zone = engine.Catalog.TimeZone;
        for (var round = 0; round < 5; round++)
        {
            // Around the spring and autumn changes of 2024, on a 30-minute grid so ends fall on midnights too.
            var center = random.Next(2) == 0 ? new DateTimeOffset(2024, 3, 10, 0, 0, 0, TimeSpan.Zero) : new DateTimeOffset(2024, 11, 3, 0, 0, 0, TimeSpan.Zero);
            var from = center.AddMinutes(30 * random.Next(-24 * 2 * 40, 24 * 2 * 40));
            var to = from.AddMinutes(30 * random.Next(0, 24 * 2 * 10));
            var instants = new List<ReplayInstant>();
            engine.Time.ChangeInstants([], from, to, instants);
            var expected = new List<DateTimeOffset>();
            for (var midnight = Next(from); midnight < to; midnight = Next(midnight)) expected.Add(midnight);
            var actual = instants.Where(i => i.ClockOnly).Select(i => i.Instant).ToList();
            if (!actual.SequenceEqual(expected))
                return false.Label($"seed {seed}, {zoneId}, ({from:O}, {to:O}): [{string.Join(", ", actual)}] expected [{string.Join(", ", expected)}]");
        }
        return true.ToProperty();

        DateTimeOffset Next(DateTimeOffset instant) => Calendar.StartOfDay(Calendar.LocalDate(instant, zone).AddDays(1), zone);
    });
}
