using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Language.Runtime;

namespace RetailTagging.Core.Tests;

/// <summary>The frame's one-entry local-date cache gives what the uncached conversion gives, whatever the sequence of instants and zones.</summary>
public class LocalDateCacheProperties
{
    private static Arbitrary<int> Seeds => Arb.From(Gen.Choose(0, int.MaxValue));

    private static readonly TimeZoneInfo[] Zones =
        [TimeZoneInfo.Utc, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), TimeZoneInfo.FindSystemTimeZoneById("America/New_York")];

    [Property(MaxTest = 200)]
    public Property AgreesWithTheConversion() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var cache = new LocalDateCache();
        var start = new DateTimeOffset(2024, 3, 9, 0, 0, 0, TimeSpan.Zero);
        var previous = start;
        for (var i = 0; i < 50; i++)
        {
            // Repeats (same instant, maybe another zone or offset) are what the cache serves.
            var instant = random.Next(3) == 0 ? previous.ToOffset(TimeSpan.FromHours(random.Next(-12, 13))) : start.AddMinutes(random.Next(0, 60 * 24 * 3));
            var zone = Zones[random.Next(Zones.Length)];
            var cached = cache.Of(instant, zone);
            var expected = Calendar.LocalDate(instant, zone);
            if (cached != expected) return false.Label($"seed {seed}, step {i}: {instant:O} in {zone.Id}: cached {cached}, expected {expected}");
            previous = instant;
        }
        return true.ToProperty();
    });
}
