using System.Collections.Frozen;
using RetailTagging.Language.Ast;
using RetailTagging.Language.Binding;
using RetailTagging.Language.Compilation;

namespace RetailTagging.Language.Runtime;

/// <summary>
/// Computes every aggregate of a compilation unit in one pass over a customer's events: each
/// event is routed by its type to the aggregates that read that type. Immutable and thread-safe;
/// the per-evaluation accumulators live in the caller's frame.
/// </summary>
internal sealed class AggregatePlan
{
    private readonly Step[] _steps;
    private readonly FrozenDictionary<string, int[]> _stepsByType;
    // With a few event types a linear scan beats hashing the type of every event.
    private readonly (string Type, int[] Steps)[] _smallRoute;

    private sealed record Step(AggregateSpec Spec, Func<EvaluationFrame, CustomerEvent, bool>? Filter, Func<CustomerEvent, Value>? Read);

    public AggregatePlan(IReadOnlyList<AggregateSpec> specs)
    {
        _steps = [.. specs.Select(s => new Step(
            s,
            s.Filter is null ? null : DelegateCompiler.CompileFilter(s.Filter),
            s.Property is null ? null : DelegateCompiler.CompileEventField(s.Property)))];
        _stepsByType = _steps.Select((step, index) => (step.Spec.EventType, index))
            .GroupBy(x => x.EventType, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.index).ToArray(), StringComparer.Ordinal);
        _smallRoute = _stepsByType.Count <= 4 ? [.. _stepsByType.Select(p => (p.Key, p.Value))] : [];
    }

    private int[]? Route(string type)
    {
        if (_smallRoute.Length == 0) return _stepsByType.TryGetValue(type, out var steps) ? steps : null;
        foreach (var (candidate, indexes) in _smallRoute)
            if (string.Equals(candidate, type, StringComparison.Ordinal)) return indexes;
        return null;
    }

    public int Count => _steps.Length;

    public IEnumerable<AggregateSpec> Specs => _steps.Select(s => s.Spec);

    public static AggregatePlan Empty { get; } = new([]);

    /// <summary>Fills <see cref="EvaluationFrame.Aggregates"/> for the frame's customer.</summary>
    public void Run(EvaluationFrame frame)
    {
        if (_steps.Length == 0) return;
        var state = frame.Accumulators(_steps.Length);
        var asOf = frame.AsOf.UtcTicks;
        var events = frame.Events;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.At.UtcTicks > asOf || Route(e.Type) is not { } indexes) continue;
            foreach (var index in indexes)
            {
                var step = _steps[index];
                if (step.Spec.Window is { } window && e.At.UtcTicks <= asOf - window.Ticks) continue;
                if (step.Filter is not null && !step.Filter(frame, e)) continue;
                var value = step.Read is null ? Value.FromBool(true) : step.Read(e);
                if (!value.IsNull) state[index].Add(step.Spec.Kind, e, value);
            }
        }
        for (var i = 0; i < _steps.Length; i++)
            frame.Aggregates[_steps[i].Spec.Slot] = state[i].Result(_steps[i].Spec.Kind);
    }
}

/// <summary>The running state of one aggregate for one customer. Reset and reused across customers.</summary>
internal struct Accumulator
{
    private long _count;
    private decimal _sum;
    private bool _overflow;
    private Value _best;
    private CustomerEvent? _bestEvent;
    private HashSet<Value>? _distinct;

    public void Reset()
    {
        _count = 0;
        _sum = 0;
        _overflow = false;
        _best = Value.Null;
        _bestEvent = null;
        _distinct?.Clear();
    }

    public void Add(AggregateKind kind, CustomerEvent e, Value value)
    {
        _count++;
        switch (kind)
        {
            case AggregateKind.Sum or AggregateKind.Avg:
                if (!_overflow)
                {
                    var sum = Arithmetic.Add(_sum, value.AsNumber!.Value);
                    if (sum is { } s) _sum = s; else _overflow = true;
                }
                break;
            case AggregateKind.Min:
                if (_best.IsNull || ValueOrder.Compare(value, _best) < 0) _best = value;
                break;
            case AggregateKind.Max:
                if (_best.IsNull || ValueOrder.Compare(value, _best) > 0) _best = value;
                break;
            case AggregateKind.First:
                if (_bestEvent is null || ValueOrder.CompareEvents(e, _bestEvent) < 0) { _best = value; _bestEvent = e; }
                break;
            case AggregateKind.Last:
                if (_bestEvent is null || ValueOrder.CompareEvents(e, _bestEvent) > 0) { _best = value; _bestEvent = e; }
                break;
            case AggregateKind.DistinctCount:
                (_distinct ??= []).Add(value);
                break;
        }
    }

    public readonly Value Result(AggregateKind kind) => kind switch
    {
        AggregateKind.Count => Value.FromNumber(_count),
        AggregateKind.Exists => Value.FromBool(_count > 0),
        AggregateKind.Sum => _overflow ? Value.Null : Value.FromNumber(_sum),
        AggregateKind.Avg => _count == 0 || _overflow ? Value.Null : Value.From(Arithmetic.Divide(_sum, _count)),
        AggregateKind.DistinctCount => Value.FromNumber(_distinct?.Count ?? 0),
        _ => _best,
    };
}
