using System.Collections.Frozen;
using RetailTagging.Language.Ast;
using RetailTagging.Language.Binding;
using RetailTagging.Language.Compilation;

namespace RetailTagging.Language.Runtime;

/// <summary>
/// Computes every aggregate of a compilation unit in one pass over a customer's events. The work
/// per event is shared as far as the aggregates allow:
/// <list type="bullet">
/// <item>an event is routed by its type to the aggregates that read that type;</item>
/// <item>all distinct <c>where</c> filters of a type are one compiled delegate, called once per event,
/// and each filter is evaluated once however many aggregates use it;</item>
/// <item>aggregates that differ only in their window (<c>count(purchase within 30d)</c>,
/// <c>exists(purchase within 90d)</c>, <c>count(purchase)</c>) are one <see cref="Measure"/>: each
/// event is added once, to the band between two consecutive windows that holds it, and each
/// window's result is the merge of the bands inside it.</item>
/// </list>
/// Immutable and thread-safe; the per-evaluation state lives in the caller's frame.
/// </summary>
internal sealed class AggregatePlan
{
    private readonly AggregateSpec[] _specs;
    private readonly Measure[] _measures;
    private readonly FrozenDictionary<string, Route> _routes;
    // With a few event types a linear scan beats hashing the type of every event.
    private readonly Route[] _smallRoute;
    private readonly AggregateState.Layout _layout;
    // Events at least this old are outside every window: skipped before looking up their type.
    private readonly long _maxAge;

    public AggregatePlan(IReadOnlyList<AggregateSpec> specs)
    {
        _specs = [.. specs];
        var measures = new List<Measure>();
        var routes = new Dictionary<string, Route>(StringComparer.Ordinal);
        var layout = new AggregateState.Layout();
        foreach (var byType in _specs.GroupBy(s => s.EventType, StringComparer.Ordinal))
        {
            var groups = new List<(string Key, BoundExpr? Filter, long MaxAge, Measure[] Measures)>();
            foreach (var byFilter in byType.GroupBy(FilterKey, StringComparer.Ordinal))
            {
                var groupMeasures = byFilter.GroupBy(s => (Family(s.Kind), s.Property?.Name))
                    .Select(m => new Measure(m.Key.Item1, m.First().Property, [.. m], layout))
                    .ToArray();
                measures.AddRange(groupMeasures);
                groups.Add((byFilter.Key, byFilter.First().Filter, groupMeasures.Max(m => m.MaxAge), groupMeasures));
            }
            var filtered = groups.Where(g => g.Filter is not null).ToList();
            FilterSet? filters = null;
            if (filtered.Count > 0)
            {
                filters = new FilterSet(DelegateCompiler.CompileFilters([.. filtered.Select(g => (g.Filter!, g.MaxAge))]), [.. filtered.Select(g => g.Key)]);
                layout.Filters = Math.Max(layout.Filters, filtered.Count);
            }
            var next = 0;
            var route = new Route(byType.Key, [.. groups.Select(g => new Group(g.Filter is null ? -1 : next++, g.MaxAge, g.Measures))], filters);
            routes.Add(byType.Key, route);
        }
        _measures = [.. measures];
        _routes = routes.ToFrozenDictionary(StringComparer.Ordinal);
        _smallRoute = _routes.Count <= 4 ? [.. _routes.Values] : [];
        _maxAge = _routes.Count == 0 ? 0 : _routes.Values.Max(r => r.MaxAge);
        _layout = layout;
    }

    /// <summary>
    /// A plan for some of this plan's aggregates (for example what a time-to-live replay reads). It
    /// compiles its own filters, only those its aggregates use: a replay runs its pass many times
    /// per customer, so evaluating the full plan's filters there would cost more than compiling.
    /// </summary>
    public AggregatePlan Subset(Func<AggregateSpec, bool> keep) => new([.. _specs.Where(keep)]);

    public int Count => _specs.Length;

    public IEnumerable<AggregateSpec> Specs => _specs;

    public static AggregatePlan Empty { get; } = new([]);

    private Route? RouteOf(string type)
    {
        if (_smallRoute.Length == 0) return _routes.TryGetValue(type, out var route) ? route : null;
        foreach (var candidate in _smallRoute)
            if (string.Equals(candidate.Type, type, StringComparison.Ordinal)) return candidate;
        return null;
    }

    /// <summary>Fills <see cref="EvaluationFrame.Aggregates"/> for the frame's customer.</summary>
    public void Run(EvaluationFrame frame)
    {
        if (_specs.Length == 0) return;
        var state = frame.AggregateState;
        state.Reset(_layout);
        var asOf = frame.AsOf.UtcTicks;
        var events = frame.Events;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            // Window membership is (asOf - w, asOf]: an event is inside window w when its age is below w.
            var age = asOf - e.At.UtcTicks;
            if (age < 0 || age >= _maxAge || RouteOf(e.Type) is not { } route || age >= route.MaxAge) continue;
            var matched = state.Matched;
            route.Filters?.Delegate(frame, e, age, matched);
            foreach (var group in route.Groups)
            {
                if (age >= group.MaxAge) continue;
                if (group.FilterIndex >= 0 && !matched[group.FilterIndex]) continue;
                foreach (var measure in group.Measures) measure.Add(state, e, age);
            }
        }
        foreach (var measure in _measures) measure.WriteResults(state, frame.Aggregates);
    }

    private static AggregateKind Family(AggregateKind kind) => kind switch
    {
        AggregateKind.Exists => AggregateKind.Count,
        AggregateKind.Avg => AggregateKind.Sum,
        _ => kind,
    };

    /// <summary>
    /// Aggregates with the same event type and the same filter share one filter evaluation. The
    /// filter's canonical text is the part of the aggregate's canonical key between " where " and the
    /// window; when the key does not have that shape the whole key is used (no sharing, still correct).
    /// </summary>
    internal static string FilterKey(AggregateSpec spec)
    {
        if (spec.Filter is null) return "";
        var key = spec.Key;
        var where = key.IndexOf(" where ", StringComparison.Ordinal);
        var suffix = (spec.Window is { } window ? " within " + Value.FromDuration(window) : "") + ")";
        if (where < 0 || !key.EndsWith(suffix, StringComparison.Ordinal) || where + 7 > key.Length - suffix.Length) return key;
        return key[(where + 7)..^suffix.Length];
    }

    private sealed class Route(string type, Group[] groups, FilterSet? filters)
    {
        public string Type { get; } = type;
        public Group[] Groups { get; } = groups;
        public FilterSet? Filters { get; } = filters;
        public long MaxAge { get; } = groups.Max(g => g.MaxAge);
    }

    private sealed record Group(int FilterIndex, long MaxAge, Measure[] Measures);
}

/// <summary>
/// The compiled filters of one event type: one delegate sets <c>matched[i]</c> for filter
/// <c>Keys[i]</c> (false without evaluating it when the event is older than every window that
/// uses the filter).
/// </summary>
internal sealed record FilterSet(Action<EvaluationFrame, CustomerEvent, long, bool[]> Delegate, string[] Keys);
