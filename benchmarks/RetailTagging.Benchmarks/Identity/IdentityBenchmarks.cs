using BenchmarkDotNet.Attributes;
using RetailTagging.Identity;
using RetailTagging.Synthetic.Identity;

namespace RetailTagging.Benchmarks.Identity;

/// <summary>Seeded identity records from the labelled generator, restricted to three sources (POS, online shop, mini program).</summary>
internal static class IdentityData
{
    private static readonly HashSet<string> Sources = ["pos", "online", "mini_program"];

    public static List<SourceRecord> Records(int count, int seed, string idPrefix = "")
    {
        // About 2.1 records per person, of which ~1.85 from these three sources: generate a few more persons than
        // that needs (the first persons and records do not depend on how many follow), then take exactly count.
        var persons = (int)(count / 1.7) + 16;
        return new IdentityRecordGenerator().Generate(SyntheticPersons.Generate(persons, seed), seed)
            .Where(r => Sources.Contains(r.Source))
            .Take(count)
            .Select(r => new SourceRecord(idPrefix + r.RecordId, r.Source)
            {
                CreatedAt = r.CreatedAt,
                UpdatedAt = r.UpdatedAt,
                Identifiers = r.Identifiers.Select(i => new SourceIdentifier(i.Key, i.Value)).ToArray(),
                Attributes = r.Attributes,
            })
            .ToList();
    }
}

/// <summary>
/// Bulk resolution: N records from 3 sources into an empty resolver (normalisation, linking with guards,
/// fuzzy scoring and review queue; golden records are built on demand and are not part of it).
/// Goal: 1,000,000 records in at most 10 s on 2 cores.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project benchmarks/RetailTagging.Benchmarks -- --filter '*Identity*' --job short</c>.</remarks>
public class IdentityBulkBenchmarks
{
    private List<SourceRecord> _records = [];

    [Params(100_000, 1_000_000)]
    public int Records { get; set; }

    [Params(true)]
    public bool Fuzzy { get; set; }

    [GlobalSetup]
    public void Setup() => _records = IdentityData.Records(Records, seed: 7);

    [Benchmark]
    public int Resolve()
    {
        using var resolver = new IdentityResolver(new IdentityResolutionOptions { Fuzzy = { Enabled = Fuzzy } });
        resolver.AddRangeAsync(_records).GetAwaiter().GetResult();
        return resolver.CustomerCount;
    }
}

/// <summary>
/// Incremental resolution: records added one at a time (each call normalises, indexes, scores its fuzzy
/// candidates, re-resolves the touched component and persists to the in-memory store) into a resolver
/// already holding 200,000 records. Goal: at most 20 microseconds per record.
/// </summary>
/// <remarks>Each invocation adds 20,000 fresh records; the pool holds enough for the short job's pilot, warm-up and iterations.</remarks>
public class IdentityIncrementalBenchmarks
{
    private const int PerIteration = 20_000;
    private IdentityResolver _resolver = null!;
    private List<SourceRecord> _pool = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _resolver = new IdentityResolver(new IdentityResolutionOptions());
        _resolver.AddRangeAsync(IdentityData.Records(200_000, seed: 11)).GetAwaiter().GetResult();
        // Fresh people (another seed, prefixed ids) for every iteration, warm-up included.
        _pool = IdentityData.Records(PerIteration * 8, seed: 12, idPrefix: "new-");
    }

    [GlobalCleanup]
    public void Cleanup() => _resolver.Dispose();

    [Benchmark(OperationsPerInvoke = PerIteration)]
    public int AddOneAtATime()
    {
        for (var i = 0; i < PerIteration; i++)
        {
            _resolver.AddAsync(_pool[_next++ % _pool.Count]).GetAwaiter().GetResult();
        }
        return _resolver.CustomerCount;
    }
}
