using RetailTagging.Catalog;
using RetailTagging.Engine.State;
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
    private readonly ClockRead[] _ownClock = [.. catalog.Dependencies.Select(d => d.OwnClock)];

    public CompiledCatalog Catalog => catalog;

    /// <summary>
    /// For tests: replay every aggregate and every rule at every instant, as the replay did before it
    /// learned to recompute only what changed; the two must agree.
    /// </summary>
    public bool ExhaustiveReplay { get; set; }

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
        EvaluationFrame? frame = null;
        if (time.HasTimeToLive) frame = Replay(customer, events, asOf, scores, manual, scratch);

        // The instant itself: every tag, on every aggregate.
        var selective = only is not null && effectiveValues is not null && frame is null;
        frame = catalog.Prepare(customer, events, asOf, scores);
        for (var i = 0; i < tags.Count; i++)
        {
            if (selective && !only![i])
            {
                frame.Tags[i] = effectiveValues![i];
                manualApplied[i] = PreviousTag.Find(previous, catalog, i) is { Source: TagSource.Manual }
                    ? Decision(manual ?? [], customer.Id, tags[i].Name, asOf) : null;
                continue;
            }
            frame.Tags[i] = Effective(i, catalog.EvaluateRule(i, frame), asOf, customer.Id, manual, scratch);
        }

        var builder = HeldTagsBuilder.ForThisThread();
        var expiries = scratch.Expiries;
        expiries.Clear();
        TagAssignment?[]? carried = null;
        for (var i = 0; i < tags.Count; i++)
        {
            var value = frame.Tags[i];
            if (!IsAssigned(value)) continue;
            var definition = tags[i];
            var source = manualApplied[i] is not null ? TagSource.Manual : _readsScores[i] ? TagSource.Model : TagSource.Rule;
            DateTimeOffset? expires = null;
            var assignedAt = asOf;
            TagAssignment? kept = null;
            if (manualApplied[i] is { } decision) assignedAt = decision.EffectiveFrom!.Value;
            else if (PreviousTag.Find(previous, catalog, i) is { } before && before.Value.Equals(value) && before.Source == source)
            {
                assignedAt = before.AssignedAt;
                kept = before.Object;
            }
            // While its rule holds a TTL tag cannot lapse; once the rule stopped holding it lapses
            // a TTL after that instant unless the rule holds again.
            if (manualApplied[i] is null && _ttl[i] is { } ttl && !heldBefore[i] && confirmedAt[i] is { } confirmed)
            {
                expires = confirmed + ttl;
                expiries.Add(expires.Value);
            }
            // An unchanged assignment object the caller already has is carried over (they are immutable).
            if (kept is not null && kept.ExpiresAt == expires && kept.RuleVersion == definition.Version && SameRepresentation(kept.Value, value))
                (carried ??= new TagAssignment?[tags.Count])[builder.Count] = kept;
            builder.Add(i, value, assignedAt, expires, source);
        }

        if (effectiveValues is not null) frame.Tags.AsSpan(0, tags.Count).CopyTo(effectiveValues);
        var segments = new List<string>();
        for (var s = 0; s < catalog.Segments.Count; s++)
            if (catalog.InSegment(s, frame)) segments.Add(catalog.Segments[s].Name);

        var held = builder.Build(catalog);
        var set = new TagSet(customer.Id, asOf, held, carried is null ? null : carried[..held.Count]);
        var changes = TagDiff.Compare(previous, set, catalog);
        return new TagEvaluation(set, changes, segments, time.NextChange(events, asOf, expiries));
    }

    /// <summary>
    /// Replays the TTL horizon before <paramref name="asOf"/>: its start, then every instant at which
    /// a TTL tag's rule (or a tag it references) could change, leaving in the scratch arrays when each
    /// TTL tag's rule last held. Each instant recomputes only the aggregates of the event types that
    /// change there and re-evaluates only the rules whose inputs changed (their aggregates, a
    /// referenced tag's value, or the clock); the other rules keep the value they had, which is the
    /// value they would compute. Returns this thread's frame.
    /// </summary>
    private EvaluationFrame Replay(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf,
        IReadOnlyDictionary<string, decimal>? scores, IReadOnlyList<ManualTagDecision>? manual, Scratch scratch)
    {
        var plan = catalog.Replay;
        var instants = scratch.Instants;
        instants.Clear();
        if (time.Horizon > TimeSpan.Zero) instants.Add(new ReplayInstant(asOf - time.Horizon, plan.AllGroups));
        time.ChangeInstants(events, asOf - time.Horizon, asOf, instants);
        var rules = scratch.RuleValue;
        var changed = scratch.Changed;
        var starts = scratch.Start;
        PlanStarts(plan, instants, asOf, scratch);
        EvaluationFrame? frame = null;
        var date = default(DateOnly);
        for (var k = 0; k < instants.Count; k++)
        {
            var (instant, groups) = instants[k];
            var first = frame is null;
            var clockOnly = groups == 0 && !first;
            // At a midnight where no event or window changes, only the rules that read the clock run.
            frame = clockOnly ? catalog.AdvanceClock(frame!, instant)
                : catalog.PrepareReplay(customer, events, instant, scores, first || ExhaustiveReplay ? plan.AllGroups : groups | plan.ClockGroups);
            // Calendar functions read only the local date: their rules change with it, not with the instant.
            var dateChanged = first || frame.AsOfDate != date;
            date = frame.AsOfDate;
            foreach (var i in plan.Tags)
            {
                if (k < starts[i] || (clockOnly && !_readsClock[i])) continue;
                var start = k == starts[i];
                // What a rule reads through a reference is covered by that reference having changed.
                var dirty = start || ExhaustiveReplay || _ownClock[i] == ClockRead.Instant || (dateChanged && _ownClock[i] == ClockRead.Date)
                    || (plan.TagGroups[i] & groups) != 0 || AnyChanged(plan.References[i], changed);
                var rule = rules[i] = dirty ? catalog.EvaluateRule(i, frame) : rules[i];
                var effective = Effective(i, rule, instant, customer.Id, manual, scratch);
                changed[i] = start || !effective.Equals(frame.Tags[i]);
                frame.Tags[i] = effective;
            }
        }
        return frame ?? EvaluationFrame.ForThisThread();
    }

    /// <summary>
    /// Where each replayed tag starts. A tag's values are needed from some instant on: the evaluation
    /// instant for a TTL tag nobody reads, otherwise where the earliest tag that reads it starts. A
    /// TTL tag's value at T depends on its rule back to T - TTL only (a rule that held before could
    /// only have lapsed by T), so the tag starts at the last instant it is evaluated at on or before
    /// (needed - TTL): from the needed instant on, its values equal those of a replay from the horizon,
    /// provided the tags it reads are exact from its own start, which is what they are asked for in
    /// turn. A tag that does not read the clock is evaluated only where an aggregate can change (it
    /// keeps its value over midnights), so its instants are those.
    /// </summary>
    private void PlanStarts(ReplayPlan plan, List<ReplayInstant> instants, DateTimeOffset asOf, Scratch scratch)
    {
        var needed = scratch.Needed;
        var final = instants.Count;
        foreach (var i in plan.Tags) needed[i] = final;
        for (var t = plan.Tags.Length - 1; t >= 0; t--)
        {
            // Dependency order: every tag that reads tag i comes after it, so its start is known.
            var i = plan.Tags[t];
            var from = (needed[i] == final ? asOf : instants[needed[i]].Instant) - (_ttl[i] ?? TimeSpan.Zero);
            var start = 0;
            if (!ExhaustiveReplay)
                while (start + 1 < instants.Count && instants[start + 1].Instant <= from) start++;
            start = LastEvaluatedAt(i, start, instants);
            scratch.Start[i] = start;
            foreach (var reference in plan.References[i])
                needed[reference] = Math.Min(needed[reference], LastEvaluatedAt(reference, start, instants));
        }
    }

    /// <summary>The last replay instant at or before <paramref name="k"/> at which tag <paramref name="i"/> is evaluated.</summary>
    private int LastEvaluatedAt(int i, int k, List<ReplayInstant> instants)
    {
        if (_readsClock[i]) return k;
        while (k > 0 && instants[k].ClockOnly) k--;
        return k;
    }

    private static bool AnyChanged(int[] references, bool[] changed)
    {
        foreach (var r in references)
            if (changed[r]) return true;
        return false;
    }

    /// <summary>
    /// A tag's effective value at an instant of the replay (or the instant itself) from its rule value:
    /// a TTL tag keeps its last confirmed value for its TTL, and a manual decision in force beats both.
    /// </summary>
    private Value Effective(int i, Value rule, DateTimeOffset instant, string customerId, IReadOnlyList<ManualTagDecision>? manual, Scratch scratch)
    {
        var effective = rule;
        if (_ttl[i] is { } ttl)
        {
            // A rule value holds from one instant of the replay to the next, so a rule that held at the
            // previous instant held until this one: the TTL runs from when it stopped holding.
            var held = IsAssigned(rule);
            if (held || scratch.HeldBefore[i]) scratch.ConfirmedAt[i] = instant;
            if (held) scratch.ConfirmedValue[i] = rule;
            scratch.HeldBefore[i] = held;
            effective = scratch.ConfirmedAt[i] is { } at && at + ttl > instant ? scratch.ConfirmedValue[i] : rule;
        }
        scratch.ManualApplied[i] = null;
        if (manual is { Count: > 0 } && Decision(manual, customerId, catalog.Tags[i].Name, instant) is { } decision)
        {
            scratch.ManualApplied[i] = decision;
            effective = decision.Action == ManualAction.Assign ? decision.Value : Value.Null;
        }
        return effective;
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
        public Value[] RuleValue = [];
        public bool[] Changed = [];
        public int[] Start = [];
        public int[] Needed = [];
        public readonly List<ReplayInstant> Instants = [];
        public readonly List<DateTimeOffset> Expiries = [];

        public static Scratch ForThisThread(int tags)
        {
            var scratch = t_current ??= new Scratch();
            if (scratch.ConfirmedAt.Length < tags)
            {
                scratch.ConfirmedAt = new DateTimeOffset?[tags];
                scratch.ConfirmedValue = new Value[tags];
                scratch.ManualApplied = new ManualTagDecision?[tags];
                scratch.HeldBefore = new bool[tags];
                scratch.RuleValue = new Value[tags];
                scratch.Changed = new bool[tags];
                scratch.Start = new int[tags];
                scratch.Needed = new int[tags];
            }
            else
            {
                Array.Clear(scratch.ConfirmedAt, 0, tags);
                Array.Clear(scratch.ConfirmedValue, 0, tags);
                Array.Clear(scratch.ManualApplied, 0, tags);
                Array.Clear(scratch.HeldBefore, 0, tags);
                // RuleValue and Changed are written before they are read (the first replay instant evaluates every rule).
            }
            return scratch;
        }
    }

    /// <summary>
    /// Whether two equal values also print the same: equal numbers can differ in scale (1.0 and 1.00),
    /// and so can lists of them.
    /// </summary>
    private static bool SameRepresentation(Value a, Value b) => a.Kind switch
    {
        TypeKind.Number => a.AsNumber!.Value.Scale == b.AsNumber!.Value.Scale,
        TypeKind.List => false,
        _ => true,
    };

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
