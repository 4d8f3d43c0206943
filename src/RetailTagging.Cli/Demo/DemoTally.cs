using RetailTagging.Catalog;
using RetailTagging.Engine;
using RetailTagging.Lifecycle;
using RetailTagging.Rfm.Grid;
using RetailTagging.Rfm.Profiles;
using RetailTagging.Synthetic;

namespace RetailTagging.Cli.Demo;

/// <summary>Counts what the summary shows, chunk by chunk in population order (so it does not depend on threads).</summary>
internal sealed class DemoTally(CompiledCatalog catalog, int bins, int runs)
{
    private const int SampleSize = 8;
    private readonly Dictionary<string, long> _eventsByType = new(StringComparer.Ordinal);
    private readonly long[] _holders = new long[catalog.Tags.Count];
    private readonly Dictionary<string, long> _dimensionHolders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _catalogSegments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _rfmSegments = new(StringComparer.Ordinal);
    private readonly Dictionary<TagChangeKind, long>[] _changes = [.. Enumerable.Range(0, runs).Select(_ => new Dictionary<TagChangeKind, long>())];
    private readonly SortedDictionary<string, Dictionary<TriggerOutcome, long>> _triggers = new(StringComparer.Ordinal);
    private readonly List<TriggerFiring> _latest = [];

    public long Customers { get; private set; }
    public long Events { get; private set; }
    public long Assignments { get; private set; }
    public long PendingTimers { get; private set; }
    public RfmGrid Grid { get; } = new(bins);

    public void Add(SyntheticCustomer[] chunk, RfmProfile[] profiles, ChunkTags tags, ChunkTriggers triggers)
    {
        var dimensions = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < chunk.Length; i++)
        {
            Customers++;
            Events += chunk[i].Events.Count;
            foreach (var e in chunk[i].Events)
                _eventsByType[e.Type] = _eventsByType.GetValueOrDefault(e.Type) + 1;
            Grid.Add(profiles[i]);
            var segment = profiles[i].Segment ?? (profiles[i].Summary.HasPurchases ? "(no segment)" : "(no purchase)");
            _rfmSegments[segment] = _rfmSegments.GetValueOrDefault(segment) + 1;

            var evaluation = tags.Final[i];
            dimensions.Clear();
            foreach (var assignment in evaluation.Tags.Values)
            {
                Assignments++;
                _holders[catalog.IndexOf(assignment.Tag)]++;
                dimensions.Add(DimensionOf(assignment.Tag));
            }
            foreach (var dimension in dimensions)
                _dimensionHolders[dimension] = _dimensionHolders.GetValueOrDefault(dimension) + 1;
            foreach (var name in evaluation.Segments)
                _catalogSegments[name] = _catalogSegments.GetValueOrDefault(name) + 1;
        }
        for (var run = 0; run < tags.ChangesByRun.Length; run++)
            foreach (var change in tags.ChangesByRun[run])
                _changes[run][change.Kind] = _changes[run].GetValueOrDefault(change.Kind) + 1;
        foreach (var decision in triggers.Decisions)
        {
            if (!_triggers.TryGetValue(decision.TriggerId, out var outcomes))
                _triggers[decision.TriggerId] = outcomes = [];
            outcomes[decision.Outcome] = outcomes.GetValueOrDefault(decision.Outcome) + 1;
        }
        // The latest firings before the as-of instant, as a sample.
        _latest.AddRange(triggers.Firings);
        _latest.Sort(static (a, b) => b.AttemptedAt != a.AttemptedAt ? b.AttemptedAt.CompareTo(a.AttemptedAt) : string.CompareOrdinal(a.IdempotencyKey, b.IdempotencyKey));
        if (_latest.Count > SampleSize)
            _latest.RemoveRange(SampleSize, _latest.Count - SampleSize);
        PendingTimers += triggers.PendingTimers.Count;
    }

    public string DimensionOf(string tag) => catalog.FindTag(tag)?.Dimension ?? "(none)";

    public IReadOnlyDictionary<string, long> EventsByType => new SortedDictionary<string, long>(_eventsByType, StringComparer.Ordinal);

    public IReadOnlyList<DimensionCount> Dimensions()
    {
        var order = catalog.Dimensions.Select(d => d.Name).ToList();
        return catalog.Tags.Select((t, i) => (Tag: t, Holders: _holders[i]))
            .GroupBy(x => x.Tag.Dimension ?? "(none)", StringComparer.Ordinal)
            .OrderBy(g => order.IndexOf(g.Key) is var k && k < 0 ? int.MaxValue : k).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DimensionCount(g.Key, g.Count(), g.Sum(x => x.Holders), _dimensionHolders.GetValueOrDefault(g.Key),
                // Tags every customer holds (valued facts, 0 included) say nothing about the population.
                [.. g.Where(x => x.Holders < Customers).OrderByDescending(x => x.Holders).ThenBy(x => x.Tag.Name, StringComparer.Ordinal).Take(4).Select(x => (x.Tag.Name, x.Holders))]))
            .ToList();
    }

    public IReadOnlyList<(string Segment, long Customers)> CatalogSegments() =>
        [.. catalog.Segments.Select(s => (s.Name, _catalogSegments.GetValueOrDefault(s.Name))).OrderByDescending(s => s.Item2).ThenBy(s => s.Name, StringComparer.Ordinal)];

    public IReadOnlyList<(string Segment, long Customers)> RfmSegments() =>
        [.. _rfmSegments.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value))];

    public IReadOnlyList<RunChanges> Changes(IReadOnlyList<DateTimeOffset> runs) =>
        [.. runs.Select((at, run) => new RunChanges(at, new SortedDictionary<TagChangeKind, long>(_changes[run])))];

    public IReadOnlyList<TriggerCount> Triggers() =>
        [.. _triggers.Select(p => new TriggerCount(p.Key, new SortedDictionary<TriggerOutcome, long>(p.Value)))];

    public IReadOnlyList<TriggerFiring> SampleFirings() => [.. _latest];
}
