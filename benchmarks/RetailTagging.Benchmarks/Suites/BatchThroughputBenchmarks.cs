using BenchmarkDotNet.Attributes;
using RetailTagging.Benchmarks.Infrastructure;
using RetailTagging.Catalog;
using RetailTagging.Engine;
using RetailTagging.Synthetic;

namespace RetailTagging.Benchmarks.Suites;

/// <summary>
/// Suite 4: batch tagging with the reference catalog, 20 events per customer, on 1 and 2 threads,
/// through <see cref="TagEngine.EvaluateBatchAsync"/> (tag sets, diffs, scores from a provider).
/// 4,096 customers are generated once in setup, so the figure is the engine's, not the
/// generator's. Results are per customer: customers per second = 1e9 / mean in ns.
/// </summary>
[MemoryDiagnoser]
public class BatchThroughputBenchmarks
{
    private const int N = 4096;

    private TagEngine _engine = null!;
    private CustomerHistory[] _histories = [];
    private DateTimeOffset _asOf;

    /// <summary>Degree of parallelism.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (!CatalogCompiler.TryCompile(ReferenceCatalog.Sources(), out var catalog, out var diagnostics))
            throw new InvalidOperationException(string.Join(Environment.NewLine, diagnostics));
        var customers = BenchmarkData.WithExactly(20, N);
        var scores = customers.ToDictionary(c => c.Customer.Id, c => c.Scores, StringComparer.Ordinal);
        _engine = new TagEngine(catalog!, new TagEngineOptions { MaxDegreeOfParallelism = Threads }, [new SyntheticScores(scores)]);
        _histories = [.. customers.Select(c => new CustomerHistory(c.Customer, c.Events))];
        _asOf = BenchmarkData.AsOf;

        // The batch must give each customer what one-by-one evaluation gives, and for tags without a
        // time to live what the compiled catalog gives (a TTL tag stays held for its TTL after its
        // rule last held: the engine replays that horizon, see docs/engine.md).
        var batch = Run().GetAwaiter().GetResult();
        for (var i = 0; i < N; i++)
        {
            var c = customers[i];
            var held = batch[i].Tags;
            if (held.CustomerId != c.Customer.Id) throw new InvalidOperationException($"batch: result {i} is for {held.CustomerId}, expected {c.Customer.Id}.");
            var single = _engine.Evaluate(c.Customer, c.Events, _asOf).Tags;
            if (!single.Keys.Order(StringComparer.Ordinal).SequenceEqual(held.Keys.Order(StringComparer.Ordinal)))
                throw new InvalidOperationException($"batch: {c.Customer.Id} holds [{string.Join(", ", held.Keys)}] in the batch, [{string.Join(", ", single.Keys)}] alone.");
            var expected = catalog!.EvaluateAll(c.Customer, c.Events, _asOf, c.Scores);
            for (var t = 0; t < catalog.Tags.Count; t++)
                if (catalog.Tags[t].TimeToLive is null && TagEngine.IsAssigned(expected[t]) != held.ContainsKey(catalog.Tags[t].Name))
                    throw new InvalidOperationException($"batch: {c.Customer.Id} {catalog.Tags[t].Name} held={held.ContainsKey(catalog.Tags[t].Name)}, catalog says {expected[t]}.");
        }
        Console.WriteLine($"// batch: {N} customers agree with one-by-one evaluation and with CompiledCatalog.EvaluateAll (tags without TTL) on {Threads} thread(s).");
    }

    private async Task<List<TagEvaluation>> Run()
    {
        var results = new List<TagEvaluation>(N);
        await foreach (var evaluation in _engine.EvaluateBatchAsync(Source(), _asOf).ConfigureAwait(false)) results.Add(evaluation);
        return results;
    }

    private async IAsyncEnumerable<CustomerHistory> Source()
    {
        foreach (var h in _histories) yield return h;
        await Task.CompletedTask.ConfigureAwait(false);
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Batch, reference catalog, 20 events")]
    public async Task<int> Batch()
    {
        var count = 0;
        await foreach (var _ in _engine.EvaluateBatchAsync(Source(), _asOf).ConfigureAwait(false)) count++;
        return count;
    }
}
