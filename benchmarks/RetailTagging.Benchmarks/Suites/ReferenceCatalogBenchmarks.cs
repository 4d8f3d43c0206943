using BenchmarkDotNet.Attributes;
using RetailTagging.Benchmarks.Infrastructure;
using RetailTagging.Catalog;
using RetailTagging.Language;
using RetailTagging.Synthetic;

namespace RetailTagging.Benchmarks.Suites;

/// <summary>
/// Suites 3 and 7 (evaluation part): every tag of the reference catalog (251 tags, with their
/// model scores) for one customer with 20 or 50 events, written into a reused buffer through the
/// zero-allocation overload. Results are per customer; the allocation column is bytes per customer.
/// </summary>
[MemoryDiagnoser]
public class ReferenceCatalogBenchmarks
{
    private const int N = 256;

    private CompiledCatalog _catalog = null!;
    private SyntheticCustomer[] _workload = [];
    private Value[] _values = [];
    private DateTimeOffset _asOf;

    /// <summary>Events per customer.</summary>
    [Params(20, 50)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (!CatalogCompiler.TryCompile(ReferenceCatalog.Sources(), out var catalog, out var diagnostics))
            throw new InvalidOperationException(string.Join(Environment.NewLine, diagnostics));
        _catalog = catalog!;
        _workload = BenchmarkData.WithExactly(Events, N);
        _values = new Value[_catalog.Tags.Count];
        _asOf = BenchmarkData.AsOf;

        // The span overload must give what the array overload gives, and the catalog must say something.
        var assigned = 0;
        foreach (var c in _workload)
        {
            var expected = _catalog.EvaluateAll(c.Customer, c.Events, _asOf, c.Scores);
            _catalog.EvaluateAll(c.Customer, c.Events, _asOf, _values, c.Scores);
            BenchmarkData.RequireSame("reference catalog", "span overload", expected, _values);
            assigned += _values.Count(v => v.IsTrue || (!v.IsNull && v.Kind != TypeKind.Bool));
        }
        Console.WriteLine($"// reference catalog: {_catalog.Tags.Count} tags, {_catalog.AggregateCount} fused aggregates, {assigned / (double)N:F1} tags assigned per customer.");
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Reference catalog, all tags")]
    public int EvaluateAll()
    {
        var trues = 0;
        foreach (var c in _workload)
        {
            _catalog.EvaluateAll(c.Customer, c.Events, _asOf, _values, c.Scores);
            if (_values[0].IsTrue) trues++;
        }
        return trues;
    }
}
