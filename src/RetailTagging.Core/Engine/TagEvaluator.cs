using RetailTagging.Catalog;
using RetailTagging.Language;
using RetailTagging.Language.Runtime;

namespace RetailTagging.Engine;

/// <summary>
/// Tagging as a pure function of (customer, events, scores, manual decisions, instant). Without
/// time-to-live tags it is one evaluation at the instant. With them it replays the instants in
/// the TTL horizon at which a rule could change, so a tag confirmed at any of them within its
/// TTL is still held, and batch and incremental runs agree whatever order events arrived in.
/// </summary>
internal sealed class TagEvaluator(CompiledCatalog catalog, TimeAnalysis time)
{
    private readonly TimeSpan?[] _ttl = [.. catalog.Tags.Select(t => t.TimeToLive)];
    private readonly bool[] _readsScores = [.. catalog.Dependencies.Select(d => d.ReadsScores)];
    private readonly bool[] _readsClock = [.. catalog.Dependencies.Select(d => d.ReadsClock)];

    public CompiledCatalog Catalog => catalog;

    /// <summary>
    /// Evaluates every tag, or with <paramref name="only"/> and <paramref name="effectiveValues"/> only the
    /// tags an event type can affect: the others keep their previous effective values. Selective
    /// evaluation is used only when no TTL replay is needed, where it is exact.
    /// </summary>
    public TagEvaluation Evaluate(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf,
        IReadOnlyDictionary<string, decimal>? scores, IReadOnlyList<ManualTagDecision>? manual, TagSet? previous,
        Value[]? effectiveValues = null, bool[]? only = null)
    {
        events = DistinctEvents.Of(events);
        var tags = catalog.Tags;
        var scratch = Scratch.ForThisThread(tags.Count);
        var confirmedAt = scratch.ConfirmedAt;
        var confirmedValue = scratch.ConfirmedValue;
        var manualApplied = scratch.ManualApplied;
        var heldBefore = scratch.HeldBefore;
        // With TTL tags, replay the horizon: its start, every instant a rule could change, and the instant itself.
        var checkpoints = time.HasTimeToLive ? time.ChangeInstants(events, asOf - time.Horizon, asOf) : [];
        if (time.HasTimeToLive && time.Horizon > TimeSpan.Zero) checkpoints.Insert(0, (asOf - time.Horizon, false));
        checkpoints.Add((asOf, false));
        var selective = only is not null && effectiveValues is not null && checkpoints.Count == 1;

        var replay = catalog.ReplayTags;
        EvaluationFrame frame = null!;
        for (var c = 0; c < checkpoints.Count; c++)
        {
            var (instant, clockOnly) = checkpoints[c];
            // Before the instant itself only TTL tags and what they reference need values; at a
            // midnight where no event or window changes, only the rules that read the clock.
            var final = c == checkpoints.Count - 1;
            frame = final ? catalog.Prepare(customer, events, instant, scores)
                : clockOnly && frame is not null ? catalog.AdvanceClock(frame, instant)
                : catalog.PrepareReplay(customer, events, instant, scores);
            for (var i = 0; i < tags.Count; i++)
            {
                if (!final && (!replay[i] || (clockOnly && !_readsClock[i]))) continue;
                if (selective && !only![i])
                {
                    frame.Tags[i] = effectiveValues![i];
                    manualApplied[i] = previous is not null && previous.TryGetValue(tags[i].Name, out var kept) && kept.Source == TagSource.Manual
                        ? Decision(manual ?? [], customer.Id, tags[i].Name, instant) : null;
                    continue;
                }
                var rule = catalog.EvaluateRule(i, frame);
                var effective = rule;
                if (_ttl[i] is { } ttl)
                {
                    // A rule value holds from one checkpoint to the next, so a rule that held at the
                    // previous checkpoint held until this one: the TTL runs from when it stopped holding.
                    var held = IsAssigned(rule);
                    if (held || heldBefore[i]) confirmedAt[i] = instant;
                    if (held) confirmedValue[i] = rule;
                    heldBefore[i] = held;
                    effective = confirmedAt[i] is { } at && at + ttl > instant ? confirmedValue[i] : rule;
                }
                manualApplied[i] = null;
                if (manual is { Count: > 0 } && Decision(manual, customer.Id, tags[i].Name, instant) is { } decision)
                {
                    manualApplied[i] = decision;
                    effective = decision.Action == ManualAction.Assign ? decision.Value : Value.Null;
                }
                frame.Tags[i] = effective;
            }
        }

        var assignments = new List<TagAssignment>();
        var expiries = new List<DateTimeOffset>();
        for (var i = 0; i < tags.Count; i++)
        {
            var value = frame.Tags[i];
            if (!IsAssigned(value)) continue;
            var definition = tags[i];
            var source = manualApplied[i] is not null ? TagSource.Manual : _readsScores[i] ? TagSource.Model : TagSource.Rule;
            DateTimeOffset? expires = null;
            var assignedAt = asOf;
            if (manualApplied[i] is { } decision) assignedAt = decision.EffectiveFrom!.Value;
            else if (previous is not null && previous.TryGetValue(definition.Name, out var before) && before.Value.Equals(value) && before.Source == source)
                assignedAt = before.AssignedAt;
            // While its rule holds a TTL tag cannot lapse; once the rule stopped holding it lapses
            // a TTL after that instant unless the rule holds again.
            if (manualApplied[i] is null && _ttl[i] is { } ttl && !heldBefore[i] && confirmedAt[i] is { } confirmed)
            {
                expires = confirmed + ttl;
                expiries.Add(expires.Value);
            }
            assignments.Add(new TagAssignment(definition.Name, value, assignedAt, expires, source, definition.Version));
        }

        if (effectiveValues is not null) frame.Tags.AsSpan(0, tags.Count).CopyTo(effectiveValues);
        var segments = new List<string>();
        for (var s = 0; s < catalog.Segments.Count; s++)
            if (catalog.InSegment(s, frame)) segments.Add(catalog.Segments[s].Name);

        var set = new TagSet(customer.Id, asOf, assignments);
        var changes = TagDiff.Compare(previous, set, catalog);
        return new TagEvaluation(set, changes, segments, time.NextChange(events, asOf, expiries));
    }

    /// <summary>
    /// Per-tag working arrays of one evaluation, reused per thread (an evaluation never nests):
    /// allocating them per customer was a third of the bytes a batch allocated.
    /// </summary>
    private sealed class Scratch
    {
        [ThreadStatic] private static Scratch? t_current;

        public DateTimeOffset?[] ConfirmedAt = [];
        public Value[] ConfirmedValue = [];
        public ManualTagDecision?[] ManualApplied = [];
        public bool[] HeldBefore = [];

        public static Scratch ForThisThread(int tags)
        {
            var scratch = t_current ??= new Scratch();
            if (scratch.ConfirmedAt.Length < tags)
            {
                scratch.ConfirmedAt = new DateTimeOffset?[tags];
                scratch.ConfirmedValue = new Value[tags];
                scratch.ManualApplied = new ManualTagDecision?[tags];
                scratch.HeldBefore = new bool[tags];
            }
            else
            {
                Array.Clear(scratch.ConfirmedAt, 0, tags);
                Array.Clear(scratch.ConfirmedValue, 0, tags);
                Array.Clear(scratch.ManualApplied, 0, tags);
                Array.Clear(scratch.HeldBefore, 0, tags);
            }
            return scratch;
        }
    }

    /// <summary>A tag is held when its value is true, or for valued tags, not null.</summary>
    public static bool IsAssigned(Value value) => value.Kind == TypeKind.Bool ? value.IsTrue : !value.IsNull;

    /// <summary>The decision in force for a tag at an instant: the latest approved one.</summary>
    private static ManualTagDecision? Decision(IReadOnlyList<ManualTagDecision> decisions, string customerId, string tag, DateTimeOffset instant)
    {
        ManualTagDecision? best = null;
        foreach (var decision in decisions)
        {
            if (decision.Tag != tag || decision.CustomerId != customerId || !decision.IsInForceAt(instant)) continue;
            if (best is null || decision.EffectiveFrom > best.EffectiveFrom) best = decision;
        }
        return best;
    }
}
