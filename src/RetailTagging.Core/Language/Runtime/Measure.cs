using RetailTagging.Language.Ast;
using RetailTagging.Language.Binding;

namespace RetailTagging.Language.Runtime;

/// <summary>
/// Aggregates of one event type, filter, property and kind family (count and exists; sum and
/// avg; min; max; first; last; distinct count) that differ only in their window. The windows,
/// sorted, cut event ages into bands; an event is added once, to its band, and the result for a
/// window merges the bands inside it. A sum of bands is the sum of the events, so results equal
/// one accumulation per aggregate.
/// </summary>
internal sealed class Measure
{
    private readonly AggregateKind _family;
    private readonly EventFieldReader _reader;
    private readonly long[] _limits;
    private readonly (int Slot, AggregateKind Kind, int Band)[] _outputs;
    private readonly int _counts, _sums, _bests, _sets;

    public Measure(AggregateKind family, PropertyDefinition? property, IReadOnlyList<AggregateSpec> specs, AggregateState.Layout layout)
    {
        _family = family;
        _reader = new EventFieldReader(property);
        // Unwindowed aggregates read every event up to the as-of instant: the widest band.
        _limits = [.. specs.Select(WindowTicks).Distinct().Order()];
        _outputs = [.. specs.Select(s => (s.Slot, s.Kind, Array.IndexOf(_limits, WindowTicks(s)))).OrderBy(o => o.Item3)];
        var bands = _limits.Length;
        switch (family)
        {
            case AggregateKind.Count:
                _counts = AggregateState.Layout.Take(ref layout.Counts, bands);
                break;
            case AggregateKind.Sum:
                _counts = AggregateState.Layout.Take(ref layout.Counts, bands);
                _sums = AggregateState.Layout.Take(ref layout.Sums, bands);
                break;
            case AggregateKind.DistinctCount:
                _sets = AggregateState.Layout.Take(ref layout.Sets, bands);
                break;
            default:
                _bests = AggregateState.Layout.Take(ref layout.Bests, bands);
                break;
        }
    }

    private static long WindowTicks(AggregateSpec spec) => spec.Window?.Ticks ?? long.MaxValue;

    /// <summary>Events at least this old are outside every window of the measure.</summary>
    public long MaxAge => _limits[^1];

    /// <summary>Adds one matching event of age <paramref name="age"/> (not negative) when some window of the measure holds it.</summary>
    public void Add(AggregateState state, CustomerEvent e, long age)
    {
        if (age >= _limits[^1]) return;
        var band = 0;
        while (age >= _limits[band]) band++;
        switch (_family)
        {
            case AggregateKind.Count:
                if (_reader.IsPresent(e)) state.Counts[_counts + band]++;
                return;
            case AggregateKind.Sum:
                if (_reader.ReadNumber(e) is not { } number) return;
                state.Counts[_counts + band]++;
                var slot = _sums + band;
                if (!state.Overflow[slot])
                {
                    if (Arithmetic.Add(state.Sums[slot], number) is { } sum) state.Sums[slot] = sum;
                    else state.Overflow[slot] = true;
                }
                return;
            case AggregateKind.DistinctCount:
                var value = _reader.Read(e);
                if (!value.IsNull) (state.Sets[_sets + band] ??= new DistinctSet()).Add(value);
                return;
        }
        var read = _reader.Read(e);
        if (read.IsNull) return;
        var best = _bests + band;
        var current = state.Best[best];
        var better = _family switch
        {
            AggregateKind.Min => current.IsNull || ValueOrder.Compare(read, current) < 0,
            AggregateKind.Max => current.IsNull || ValueOrder.Compare(read, current) > 0,
            AggregateKind.First => state.BestEvent[best] is not { } first || ValueOrder.CompareEvents(e, first) < 0,
            _ => state.BestEvent[best] is not { } last || ValueOrder.CompareEvents(e, last) > 0,
        };
        if (!better) return;
        state.Best[best] = read;
        state.BestEvent[best] = e;
    }

    /// <summary>Merges the bands from the narrowest window outwards and writes each aggregate's result into its slot.</summary>
    public void WriteResults(AggregateState state, Value[] aggregates)
    {
        long count = 0;
        decimal sum = 0;
        var overflow = false;
        var best = Value.Null;
        CustomerEvent? bestEvent = null;
        DistinctSet? distinct = null;
        var output = 0;
        for (var band = 0; band < _limits.Length; band++)
        {
            switch (_family)
            {
                case AggregateKind.Count:
                    count += state.Counts[_counts + band];
                    break;
                case AggregateKind.Sum:
                    count += state.Counts[_counts + band];
                    overflow |= state.Overflow[_sums + band];
                    if (!overflow)
                    {
                        if (Arithmetic.Add(sum, state.Sums[_sums + band]) is { } total) sum = total;
                        else overflow = true;
                    }
                    break;
                case AggregateKind.DistinctCount:
                    // Wider windows add the older bands' values to the narrowest band's set.
                    if (state.Sets[_sets + band] is { } set)
                    {
                        if (distinct is null) distinct = set;
                        else distinct.UnionWith(set);
                    }
                    break;
                default:
                    var candidate = state.Best[_bests + band];
                    if (candidate.IsNull) break;
                    var better = best.IsNull || _family switch
                    {
                        AggregateKind.Min => ValueOrder.Compare(candidate, best) < 0,
                        AggregateKind.Max => ValueOrder.Compare(candidate, best) > 0,
                        AggregateKind.First => ValueOrder.CompareEvents(state.BestEvent[_bests + band]!, bestEvent!) < 0,
                        _ => ValueOrder.CompareEvents(state.BestEvent[_bests + band]!, bestEvent!) > 0,
                    };
                    if (better)
                    {
                        best = candidate;
                        bestEvent = state.BestEvent[_bests + band];
                    }
                    break;
            }
            for (; output < _outputs.Length && _outputs[output].Band == band; output++)
            {
                var (slot, kind, _) = _outputs[output];
                aggregates[slot] = kind switch
                {
                    AggregateKind.Count => Value.FromNumber(count),
                    AggregateKind.Exists => Value.FromBool(count > 0),
                    AggregateKind.Sum => overflow ? Value.Null : Value.FromNumber(sum),
                    AggregateKind.Avg => count == 0 || overflow ? Value.Null : Value.From(Arithmetic.Divide(sum, count)),
                    AggregateKind.DistinctCount => Value.FromNumber(distinct?.Count ?? 0),
                    _ => best,
                };
            }
        }
    }
}
