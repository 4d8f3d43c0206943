namespace RetailTagging.Language.Binding;

/// <summary>
/// The aggregates of a compilation unit (one expression or a whole catalog), deduplicated by
/// their canonical text so that every distinct aggregate is computed once per customer.
/// </summary>
internal sealed class AggregateTable
{
    private readonly Dictionary<string, AggregateSpec> _byKey = new(StringComparer.Ordinal);
    private readonly List<AggregateSpec> _specs = [];

    public IReadOnlyList<AggregateSpec> Specs => _specs;

    public AggregateSpec GetOrAdd(string key, Func<int, AggregateSpec> create)
    {
        if (_byKey.TryGetValue(key, out var existing)) return existing;
        var spec = create(_specs.Count);
        _byKey.Add(key, spec);
        _specs.Add(spec);
        return spec;
    }
}
