using RetailTagging.Rfm.Profiles;

namespace RetailTagging.Rfm.Segments;

/// <summary>One rule of a segment map: a segment name and the predicate a profile must satisfy.</summary>
/// <param name="Name">The segment name.</param>
/// <param name="Predicate">The test; <see cref="RfmProfile.Segment"/> is not yet set when it runs.</param>
/// <param name="Description">What the rule means, for documentation and the CLI.</param>
public sealed record RfmSegmentRule(string Name, Func<RfmProfile, bool> Predicate, string Description = "")
{
    /// <summary>A rule over score ranges (inclusive): recency score in [rMin, rMax] and FM score in [fmMin, fmMax].</summary>
    public static RfmSegmentRule ScoreRange(string name, int rMin, int rMax, int fmMin, int fmMax) =>
        new(name, p => p.RScore is { } r && p.FmScore is { } fm && r >= rMin && r <= rMax && fm >= fmMin && fm <= fmMax,
            $"R {Range(rMin, rMax)}, FM {Range(fmMin, fmMax)}");

    private static string Range(int min, int max) => min == max ? $"{min}" : $"{min}-{max}";
}
