using RetailTagging.Rfm.Profiles;

namespace RetailTagging.Rfm.Segments;

/// <summary>
/// An ordered segment map: the first rule whose predicate holds names the segment; none gives null (no segment).
/// Immutable. Maps written as tag expressions will compile to the same shape once the engine exists.
/// </summary>
public sealed class RfmSegmentMap
{
    private readonly RfmSegmentRule[] _rules;

    /// <summary>Creates a map.</summary>
    /// <param name="name">The map's name.</param>
    /// <param name="rules">Rules in priority order (none: no customer gets a segment); names need not be unique.</param>
    /// <param name="requiredBins">The number of score bins the rules assume, or null when they use raw values only.</param>
    public RfmSegmentMap(string name, IEnumerable<RfmSegmentRule> rules, int? requiredBins = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules.ToArray();
        foreach (var rule in _rules)
        {
            ArgumentNullException.ThrowIfNull(rule, nameof(rules));
            ArgumentException.ThrowIfNullOrWhiteSpace(rule.Name, nameof(rules));
            ArgumentNullException.ThrowIfNull(rule.Predicate, nameof(rules));
        }
        Name = name;
        RequiredBins = requiredBins;
    }

    /// <summary>The map's name.</summary>
    public string Name { get; }

    /// <summary>The number of score bins the rules assume, or null.</summary>
    public int? RequiredBins { get; }

    /// <summary>The rules in priority order.</summary>
    public IReadOnlyList<RfmSegmentRule> Rules => _rules;

    /// <summary>The distinct segment names in first-rule order.</summary>
    public IReadOnlyList<string> SegmentNames => _rules.Select(r => r.Name).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The first matching segment, or null.</summary>
    public string? Classify(RfmProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        foreach (var rule in _rules)
        {
            if (rule.Predicate(profile))
                return rule.Name;
        }
        return null;
    }
}
