using RetailTagging.Language;
using RetailTagging.Language.Binding;

namespace RetailTagging.Catalog;

/// <summary>
/// What each tag's value can depend on, transitively through tag references: the event types it
/// reads (with their windows) and whether it reads the clock. The engine uses it to re-evaluate
/// only the tags an event can affect and to know when a value can next change on its own.
/// <see cref="OwnClock"/> says how the tag's own expression (not counting references) reads the
/// clock: <c>now()</c> reads the instant, the calendar functions only the local date, so a value
/// that reads only dates can change only when the date does.
/// </summary>
internal sealed record TagDependencies(
    IReadOnlySet<string> EventTypes,
    IReadOnlyDictionary<string, IReadOnlySet<TimeSpan>> Windows,
    bool ReadsClock,
    bool ReadsScores,
    IReadOnlyList<int> References,
    IReadOnlySet<int> AggregateSlots,
    ClockRead OwnClock)
{
    public static TagDependencies[] Analyze(IReadOnlyList<BoundExpr> tags)
    {
        var result = new TagDependencies[tags.Count];
        for (var i = 0; i < tags.Count; i++)
        {
            var types = new HashSet<string>(StringComparer.Ordinal);
            var windows = new Dictionary<string, HashSet<TimeSpan>>(StringComparer.Ordinal);
            var clock = false;
            var own = ClockRead.None;
            var scores = false;
            var references = new List<int>();
            var slots = new HashSet<int>();
            var stack = new Stack<BoundExpr>();
            stack.Push(tags[i]);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                switch (node)
                {
                    case BoundAggregate aggregate:
                        types.Add(aggregate.Spec.EventType);
                        slots.Add(aggregate.Spec.Slot);
                        if (aggregate.Spec.Window is { } window)
                            (windows.TryGetValue(aggregate.Spec.EventType, out var set) ? set : windows[aggregate.Spec.EventType] = []).Add(window);
                        if (aggregate.Spec.Filter is { } filter) stack.Push(filter);
                        break;
                    case BoundScore:
                        scores = true;
                        break;
                    case BoundTagReference reference:
                        references.Add(reference.Index);
                        break;
                    case var _ when IsClockRead(node):
                        clock = true;
                        own = node is BoundCall { Function: BuiltinFunction.Now } ? ClockRead.Instant : own == ClockRead.None ? ClockRead.Date : own;
                        break;
                }
                foreach (var child in BoundTree.Children(node)) stack.Push(child);
            }
            // Tags come in dependency order, so referenced tags are already analysed.
            foreach (var reference in references)
            {
                var dependency = result[reference];
                types.UnionWith(dependency.EventTypes);
                foreach (var (type, set) in dependency.Windows)
                    (windows.TryGetValue(type, out var mine) ? mine : windows[type] = []).UnionWith(set);
                clock |= dependency.ReadsClock;
                scores |= dependency.ReadsScores;
            }
            result[i] = new TagDependencies(types, windows.ToDictionary(w => w.Key, w => (IReadOnlySet<TimeSpan>)w.Value, StringComparer.Ordinal), clock, scores, references, slots, own);
        }
        return result;
    }

    /// <summary>Whether this node itself reads the evaluation instant (not looking at its children).</summary>
    private static bool IsClockRead(BoundExpr node) => node is
        BoundCall { Function: BuiltinFunction.Now or BuiltinFunction.DaysSince or BuiltinFunction.DaysUntilBirthday or BuiltinFunction.AgeYears or BuiltinFunction.DayOfWeek or BuiltinFunction.HourOfDay }
        or BoundAttribute { Attribute: { Name: "age", IsBuiltIn: true } };

    /// <summary>Whether an expression (an aggregate's filter, say) reads the evaluation instant anywhere.</summary>
    public static bool ReadsClockAnywhere(BoundExpr tree)
    {
        var stack = new Stack<BoundExpr>();
        stack.Push(tree);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (IsClockRead(node)) return true;
            if (node is BoundAggregate { Spec.Filter: { } filter }) stack.Push(filter);
            foreach (var child in BoundTree.Children(node)) stack.Push(child);
        }
        return false;
    }
}

/// <summary>How an expression reads the clock.</summary>
internal enum ClockRead
{
    /// <summary>Not at all.</summary>
    None,
    /// <summary>Only through the local date (calendar functions): it can change only at a local midnight.</summary>
    Date,
    /// <summary>The instant itself (<c>now()</c>): it can change at any instant.</summary>
    Instant,
}
