using RetailTagging.Language;
using RetailTagging.Language.Binding;

namespace RetailTagging.Catalog;

/// <summary>
/// What each tag's value can depend on, transitively through tag references: the event types it
/// reads (with their windows) and whether it reads the clock. The engine uses it to re-evaluate
/// only the tags an event can affect and to know when a value can next change on its own.
/// </summary>
internal sealed record TagDependencies(
    IReadOnlySet<string> EventTypes,
    IReadOnlyDictionary<string, IReadOnlySet<TimeSpan>> Windows,
    bool ReadsClock,
    bool ReadsScores,
    IReadOnlyList<int> References,
    IReadOnlySet<int> AggregateSlots)
{
    public static TagDependencies[] Analyze(IReadOnlyList<BoundExpr> tags)
    {
        var result = new TagDependencies[tags.Count];
        for (var i = 0; i < tags.Count; i++)
        {
            var types = new HashSet<string>(StringComparer.Ordinal);
            var windows = new Dictionary<string, HashSet<TimeSpan>>(StringComparer.Ordinal);
            var clock = false;
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
                    case BoundCall { Function: BuiltinFunction.Now or BuiltinFunction.DaysSince or BuiltinFunction.DaysUntilBirthday or BuiltinFunction.AgeYears or BuiltinFunction.DayOfWeek or BuiltinFunction.HourOfDay }:
                    case BoundAttribute { Attribute: { Name: "age", IsBuiltIn: true } }:
                        clock = true;
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
            result[i] = new TagDependencies(types, windows.ToDictionary(w => w.Key, w => (IReadOnlySet<TimeSpan>)w.Value, StringComparer.Ordinal), clock, scores, references, slots);
        }
        return result;
    }

}
