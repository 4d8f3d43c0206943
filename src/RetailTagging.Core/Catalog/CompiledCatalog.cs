using System.Collections.Frozen;
using RetailTagging.Language;
using RetailTagging.Language.Binding;
using RetailTagging.Language.Compilation;
using RetailTagging.Language.Runtime;

namespace RetailTagging.Catalog;

/// <summary>
/// A compiled catalog: immutable and thread-safe. Evaluating a customer walks their events once
/// for every aggregate of every tag, then evaluates the tags in dependency order.
/// </summary>
public sealed class CompiledCatalog
{
    private readonly CompiledTag[] _tags;
    private readonly (SegmentDefinition Definition, BoundExpr Bound)[] _segments;
    // Tags and segments are compiled a chunk per delegate (see DelegateCompiler.CompileValues).
    // Fewer, larger delegates compile faster, but past a dozen rules the JIT optimises the method
    // worse (too many locals to track, inlining budget spent): 32 rules per chunk evaluated the
    // reference catalog ~13% slower than 12, for ~12% less compile time (measured, see docs/language.md).
    private const int ChunkSize = 12;
    private readonly Func<EvaluationFrame, int, Value>[] _tagChunks;
    private readonly Func<EvaluationFrame, int, bool>[] _segmentChunks;
    private readonly FrozenDictionary<string, int> _tagIndex;
    private readonly AggregatePlan _aggregates;

    private sealed record CompiledTag(TagDefinition Definition, BoundExpr Bound);

    internal CompiledCatalog(
        IReadOnlyList<(TagDefinition Definition, BoundExpr Bound)> tags,
        IReadOnlyList<(SegmentDefinition Definition, BoundExpr Bound)> segments,
        IReadOnlyList<DimensionDefinition> dimensions,
        TagSchema schema,
        TimeZoneInfo timeZone,
        AggregatePlan aggregates)
    {
        _tags = [.. tags.Select(t => new CompiledTag(t.Definition, t.Bound))];
        _segments = [.. segments];
        _tagChunks = [.. _tags.Chunk(ChunkSize).Select((chunk, i) => DelegateCompiler.CompileValues([.. chunk.Select(t => t.Bound)], i * ChunkSize))];
        _segmentChunks = [.. _segments.Chunk(ChunkSize).Select((chunk, i) => DelegateCompiler.CompilePredicates([.. chunk.Select(s => s.Bound)], i * ChunkSize))];
        _tagIndex = _tags.Select((t, i) => (t.Definition.Name, i)).ToFrozenDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        _aggregates = aggregates;
        Dimensions = dimensions;
        Schema = schema;
        TimeZone = timeZone;
        Tags = [.. _tags.Select(t => t.Definition)];
        Segments = [.. _segments.Select(s => s.Definition)];
        _nameRank = new int[_tags.Length];
        var rank = 0;
        foreach (var index in Enumerable.Range(0, _tags.Length).OrderBy(i => _tags[i].Definition.Name, StringComparer.Ordinal)) _nameRank[index] = rank++;
        Dependencies = TagDependencies.Analyze([.. _tags.Select(t => t.Bound)]);
        UnwindowedEventTypes = [.. aggregates.Specs.Where(s => s.Window is null).Select(s => s.EventType).Distinct()];
        ReplayTags = ClosureOfTimeToLiveTags();
        var replaySlots = Enumerable.Range(0, _tags.Length).Where(i => ReplayTags[i]).SelectMany(i => Dependencies[i].AggregateSlots).ToHashSet();
        Replay = new ReplayPlan(aggregates.Subset(s => replaySlots.Contains(s.Slot)), Dependencies, ReplayTags);
    }

    /// <summary>What a time-to-live replay computes, by event-type group.</summary>
    internal ReplayPlan Replay { get; }

    /// <summary>Tags with a time to live and every tag they reference: what a TTL replay evaluates.</summary>
    internal bool[] ReplayTags { get; }

    private bool[] ClosureOfTimeToLiveTags()
    {
        var mask = new bool[_tags.Length];
        // Dependency order: walk backwards so a tag's references are marked after the tag.
        for (var i = _tags.Length - 1; i >= 0; i--)
        {
            if (_tags[i].Definition.TimeToLive is not null) mask[i] = true;
            if (mask[i]) foreach (var reference in Dependencies[i].References) mask[reference] = true;
        }
        return mask;
    }

    /// <summary>Moves a prepared frame's clock to a later instant, keeping its aggregates (valid when no event or window changes between).</summary>
    internal EvaluationFrame AdvanceClock(EvaluationFrame frame, DateTimeOffset asOf)
    {
        frame.MoveClock(asOf, TimeZone);
        return frame;
    }

    /// <summary>
    /// Like <see cref="Prepare"/>, recomputing only the TTL replay's aggregates of <paramref name="groups"/>
    /// (see <see cref="ReplayPlan"/>); the frame's other aggregates keep the values of the previous instant.
    /// </summary>
    internal EvaluationFrame PrepareReplay(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IReadOnlyDictionary<string, decimal>? scores, ulong groups)
    {
        var frame = EvaluationFrame.ForThisThread();
        frame.Reset(customer, events, asOf, TimeZone, scores, _aggregates.Count, _tags.Length);
        Replay.Run(frame, groups);
        return frame;
    }

    /// <summary>Event types read by some aggregate without a window.</summary>
    internal IReadOnlyList<string> UnwindowedEventTypes { get; }

    /// <summary>What each tag depends on (same order as <see cref="Tags"/>).</summary>
    internal TagDependencies[] Dependencies { get; }

    /// <summary>The bound tree of tag <paramref name="index"/>, for explanations.</summary>
    internal BoundExpr BoundTag(int index) => _tags[index].Bound;

    private readonly int[] _nameRank;

    /// <summary>The position of a tag's name in the ordinal order of all names, or -1 for a name not in the catalog.</summary>
    internal int NameRankOf(string tag) => _tagIndex.TryGetValue(tag, out var i) ? _nameRank[i] : -1;

    /// <summary>The index of a tag in <see cref="Tags"/>, or -1.</summary>
    public int IndexOf(string tag) => _tagIndex.TryGetValue(tag, out var i) ? i : -1;

    /// <summary>Resets this thread's frame for a customer at an instant and runs the aggregate pass.</summary>
    internal EvaluationFrame Prepare(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IReadOnlyDictionary<string, decimal>? scores)
    {
        var frame = EvaluationFrame.ForThisThread();
        frame.Reset(customer, events, asOf, TimeZone, scores, _aggregates.Count, _tags.Length);
        _aggregates.Run(frame);
        return frame;
    }

    /// <summary>The rule value of tag <paramref name="index"/> on a prepared frame (its references read frame.Tags).</summary>
    internal Value EvaluateRule(int index, EvaluationFrame frame) => _tagChunks[index / ChunkSize](frame, index);

    /// <summary>Segment membership on a frame whose Tags hold the effective tag values.</summary>
    internal bool InSegment(int index, EvaluationFrame frame) => _segmentChunks[index / ChunkSize](frame, index);

    /// <summary>Every tag, in dependency order (a tag comes after the tags it references).</summary>
    public IReadOnlyList<TagDefinition> Tags { get; }

    /// <summary>Every segment, in declaration order.</summary>
    public IReadOnlyList<SegmentDefinition> Segments { get; }

    /// <summary>Every lifecycle trigger, in declaration order (see docs/lifecycle.md).</summary>
    public IReadOnlyList<CatalogTrigger> Triggers { get; internal init; } = [];

    /// <summary>The declared dimensions.</summary>
    public IReadOnlyList<DimensionDefinition> Dimensions { get; }

    /// <summary>The schema after the catalog's own declarations.</summary>
    public TagSchema Schema { get; }

    /// <summary>The business time zone for calendar functions.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Number of distinct aggregates computed per customer (shared between tags).</summary>
    public int AggregateCount => _aggregates.Count;

    /// <summary>The tag named <paramref name="name"/>, or null.</summary>
    public TagDefinition? FindTag(string name) => _tagIndex.TryGetValue(name, out var i) ? _tags[i].Definition : null;

    /// <summary>
    /// Evaluates every tag for one customer. The result holds one value per tag, in the order of
    /// <see cref="Tags"/>: a bool tag is assigned when its value is true, a valued tag when it is not null.
    /// </summary>
    public Value[] EvaluateAll(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IReadOnlyDictionary<string, decimal>? scores = null)
    {
        var frame = Run(customer, events, asOf, scores);
        return frame.Tags[.._tags.Length];
    }

    /// <summary>Evaluates every tag and fills <paramref name="values"/> (length at least <c>Tags.Count</c>) without allocating.</summary>
    public void EvaluateAll(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, Span<Value> values, IReadOnlyDictionary<string, decimal>? scores = null)
    {
        if (values.Length < _tags.Length) throw new ArgumentException($"Need room for {_tags.Length} values.", nameof(values));
        var frame = Run(customer, events, asOf, scores);
        frame.Tags.AsSpan(0, _tags.Length).CopyTo(values);
    }

    /// <summary>The value of one tag (its dependencies are evaluated too).</summary>
    /// <exception cref="ArgumentException">No tag has that name.</exception>
    public Value EvaluateTag(string name, Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IReadOnlyDictionary<string, decimal>? scores = null)
    {
        if (!_tagIndex.TryGetValue(name, out var index)) throw new ArgumentException($"The catalog has no tag '{name}'.", nameof(name));
        return Run(customer, events, asOf, scores).Tags[index];
    }

    /// <summary>Whether the customer belongs to the segment named <paramref name="name"/>.</summary>
    public bool IsInSegment(string name, Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IReadOnlyDictionary<string, decimal>? scores = null)
    {
        var segment = Array.FindIndex(_segments, s => s.Definition.Name == name);
        if (segment < 0) throw new ArgumentException($"The catalog has no segment '{name}'.", nameof(name));
        return InSegment(segment, Run(customer, events, asOf, scores));
    }

    /// <summary>Every tag's value by the interpreter instead of the compiled delegates: the test oracle.</summary>
    internal Value[] InterpretAll(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IReadOnlyDictionary<string, decimal>? scores = null)
    {
        var frame = new EvaluationFrame();
        frame.Reset(customer, events, asOf, TimeZone, scores, 0, _tags.Length);
        for (var i = 0; i < _tags.Length; i++) frame.Tags[i] = Interpreter.Evaluate(_tags[i].Bound, frame);
        return frame.Tags;
    }

    private EvaluationFrame Run(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IReadOnlyDictionary<string, decimal>? scores)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(events);
        var frame = EvaluationFrame.ForThisThread();
        frame.Reset(customer, events, asOf, TimeZone, scores, _aggregates.Count, _tags.Length);
        _aggregates.Run(frame);
        var tags = frame.Tags;
        for (var i = 0; i < _tags.Length; i++) tags[i] = EvaluateRule(i, frame);
        return frame;
    }
}
