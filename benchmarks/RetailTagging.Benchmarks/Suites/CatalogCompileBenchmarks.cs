using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using RetailTagging.Benchmarks.Infrastructure;
using RetailTagging.Catalog;
using RetailTagging.Synthetic;
using RulesEngine.Models;

namespace RetailTagging.Benchmarks.Suites;

/// <summary>
/// Suite 6: compiling the reference catalog, and RulesEngine's warm-up (building the engine and
/// running the workflow once, which is when it compiles) for the subset of
/// <see cref="RulesEngineSubset"/>. Our compiler also compiles that same subset, so the two can be
/// compared rule for rule. The cold job starts a fresh process per measurement (first call, JIT
/// included); the warm job is the steady state.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ColdStartConfig))]
public class CatalogCompileBenchmarks
{
    private IReadOnlyList<CatalogSource> _sources = [];
    private CatalogSource[] _subset = [];
    private RuleParameter[] _parameters = [];

    /// <summary>Adds the cold-start job: a fresh process per measurement (5 in quick mode, 15 in full), one call each, no warm-up.</summary>
    private sealed class ColdStartConfig : ManualConfig
    {
        public ColdStartConfig() =>
            AddJob(Job.Dry.WithStrategy(RunStrategy.ColdStart).WithLaunchCount(BenchmarkConfig.Quick ? 5 : 15).WithIterationCount(1).WithWarmupCount(0).WithId("Cold"));
    }

    [GlobalSetup]
    public void Setup()
    {
        _sources = ReferenceCatalog.Sources();
        if (!CatalogCompiler.TryCompile(_sources, out var full, out var diagnostics))
            throw new InvalidOperationException(string.Join(Environment.NewLine, diagnostics));
        // The subset uses no declarations of schema.tags, so it compiles on its own.
        _subset = [new CatalogSource("subset.tags", RulesEngineSubset.OurCatalogText())];
        if (!CatalogCompiler.TryCompile(_subset, out var subset, out diagnostics))
            throw new InvalidOperationException(string.Join(Environment.NewLine, diagnostics));
        if (subset!.Tags.Count != RulesEngineSubset.Rules.Count)
            throw new InvalidOperationException($"The subset has {subset.Tags.Count} of {RulesEngineSubset.Rules.Count} tags.");

        // Same answers, on 300 customers: the subset as we compile it, the reference catalog's tags
        // of the same names, and RulesEngine.
        var engine = RulesEngineSubset.NewEngine();
        var asOf = BenchmarkData.AsOf;
        var windows = new Windows(asOf);
        foreach (var c in BenchmarkData.Customers(300))
        {
            var ours = full!.EvaluateAll(c.Customer, c.Events, asOf, c.Scores);
            var ourSubset = subset.EvaluateAll(c.Customer, c.Events, asOf, c.Scores);
            for (var i = 0; i < subset.Tags.Count; i++)
                if (ourSubset[i] != ours[full.Tags.ToList().FindIndex(t => t.Name == subset.Tags[i].Name)])
                    throw new InvalidOperationException($"compile suite: the subset's {subset.Tags[i].Name} differs from the reference catalog's for {c.Customer.Id}.");
            var results = engine.ExecuteAllRulesAsync("reference_subset", Parameters(c.Customer, c.Events, windows)).GetAwaiter().GetResult();
            foreach (var result in results)
            {
                if (!string.IsNullOrEmpty(result.ExceptionMessage)) throw new InvalidOperationException($"RulesEngine rule {result.Rule.RuleName}: {result.ExceptionMessage}");
                var index = full.Tags.ToList().FindIndex(t => t.Name == result.Rule.RuleName);
                if (ours[index].IsTrue != result.IsSuccess)
                    throw new InvalidOperationException($"compile suite: RulesEngine says {result.IsSuccess} for {result.Rule.RuleName} of {c.Customer.Id}, ours says {ours[index]}.");
            }
        }
        Console.WriteLine($"// compile suite: {RulesEngineSubset.Rules.Count} rules agree with the reference catalog on 300 customers.");
        var first = BenchmarkData.Customers(1)[0];
        _parameters = Parameters(first.Customer, first.Events, windows);
    }

    private static RuleParameter[] Parameters(Customer customer, IReadOnlyList<CustomerEvent> events, Windows windows) =>
        [new RuleParameter("c", customer), new RuleParameter("ev", events), new RuleParameter("w", windows)];

    [Benchmark(Description = "RetailTagging: reference catalog (251 tags)")]
    public CompiledCatalog? OursReferenceCatalog()
    {
        CatalogCompiler.TryCompile(_sources, out var catalog, out _);
        return catalog;
    }

    [Benchmark(Baseline = true, Description = "RetailTagging: RulesEngine subset (23 tags)")]
    public CompiledCatalog? OursSubset()
    {
        CatalogCompiler.TryCompile(_subset, out var catalog, out _);
        return catalog;
    }

    [Benchmark(Description = "RulesEngine warm-up: subset (23 rules)")]
    public bool RulesEngineWarmUp()
    {
        var engine = RulesEngineSubset.NewEngine();
        return engine.ExecuteAllRulesAsync("reference_subset", _parameters).GetAwaiter().GetResult()[0].IsSuccess;
    }
}
