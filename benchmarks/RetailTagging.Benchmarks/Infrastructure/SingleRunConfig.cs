using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace RetailTagging.Benchmarks.Infrastructure;

/// <summary>
/// One measured run per case in either mode, for suites whose one operation is a whole batch (millions of customers):
/// repeating it until the error settles would take hours. It replaces the mode's job rather than adding to it.
/// </summary>
internal sealed class SingleRunConfig : ManualConfig
{
    public SingleRunConfig()
    {
        Add(BenchmarkConfig.Create(BenchmarkConfig.Quick, addJob: false));
        AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(1).WithId("SingleRun"));
        UnionRule = ConfigUnionRule.AlwaysUseLocal;
    }
}
