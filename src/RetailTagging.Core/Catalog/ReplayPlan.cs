using RetailTagging.Language.Runtime;

namespace RetailTagging.Catalog;

/// <summary>
/// What a time-to-live replay computes, split so that each replay instant recomputes only what can
/// have changed there. The replay reads the aggregates of the TTL tags and of the tags they
/// reference; those aggregates are grouped by event type (a group per type, types beyond 64 sharing
/// groups so that a set of groups fits in a <see cref="ulong"/>), one aggregate plan per group. An
/// aggregate of type T changes only where an event of type T enters or leaves one of its windows,
/// so at such an instant only T's group needs a new pass, and only the tags reading T need a new
/// rule value. Immutable and thread-safe.
/// </summary>
internal sealed class ReplayPlan
{
    private readonly Dictionary<string, int> _groupOfType;
    private readonly AggregatePlan[] _plans;

    public ReplayPlan(AggregatePlan replayAggregates, IReadOnlyList<TagDependencies> dependencies, bool[] replayTags)
    {
        _groupOfType = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var type in replayAggregates.Specs.Select(s => s.EventType).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            _groupOfType[type] = _groupOfType.Count % 64;
        _plans = new AggregatePlan[Math.Min(64, _groupOfType.Count)];
        for (var g = 0; g < _plans.Length; g++)
        {
            var group = g;
            _plans[g] = replayAggregates.Subset(s => _groupOfType[s.EventType] == group);
        }
        AllGroups = _plans.Length == 64 ? ulong.MaxValue : (1UL << _plans.Length) - 1;
        // An aggregate whose filter reads the clock can change at any instant: the replay recomputes it
        // wherever it recomputes any aggregate.
        ClockGroups = replayAggregates.Specs.Where(s => s.Filter is { } filter && TagDependencies.ReadsClockAnywhere(filter))
            .Aggregate(0UL, (mask, s) => mask | Bit(s.EventType));
        Tags = [.. Enumerable.Range(0, replayTags.Length).Where(i => replayTags[i])];
        TagGroups = [.. dependencies.Select(d => d.EventTypes.Aggregate(0UL, (mask, type) => mask | Bit(type)))];
        References = [.. dependencies.Select(d => d.References.Distinct().ToArray())];
    }

    /// <summary>Every group: what the first instant of a replay computes.</summary>
    public ulong AllGroups { get; }

    /// <summary>Groups with an aggregate whose filter reads the clock.</summary>
    public ulong ClockGroups { get; }

    /// <summary>The tags a replay evaluates (TTL tags and what they reference), in dependency order.</summary>
    public int[] Tags { get; }

    /// <summary>By tag index: the groups whose aggregates its value can read, directly or through references.</summary>
    public ulong[] TagGroups { get; }

    /// <summary>By tag index: the tags it references directly.</summary>
    public int[][] References { get; }

    /// <summary>The group bit of an event type, or 0 when no replay aggregate reads it.</summary>
    public ulong Bit(string eventType) => _groupOfType.TryGetValue(eventType, out var group) ? 1UL << group : 0;

    /// <summary>Recomputes the aggregates of <paramref name="groups"/> on a prepared frame; the others keep their values.</summary>
    public void Run(EvaluationFrame frame, ulong groups)
    {
        for (var g = 0; g < _plans.Length; g++)
            if ((groups & (1UL << g)) != 0) _plans[g].Run(frame);
    }
}
