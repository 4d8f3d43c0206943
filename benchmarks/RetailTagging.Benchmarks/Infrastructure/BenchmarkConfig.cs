using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;
using Perfolizer.Metrology;

namespace RetailTagging.Benchmarks.Infrastructure;

/// <summary>
/// The shared configuration: memory diagnoser on every suite, and exporters whose files the
/// <c>report</c> mode turns into the chart (full JSON) and that readers can open (CSV, GitHub markdown).
/// Quick mode uses BenchmarkDotNet's short job (1 launch, 3 warm-ups, 3 iterations).
/// </summary>
internal static class BenchmarkConfig
{
    /// <summary>Whether the run is in quick mode (read by suites that define their own jobs).</summary>
    public static bool Quick { get; private set; }

    public static IConfig Create(bool quick, bool addJob = true)
    {
        Quick = quick;
        var config = ManualConfig.Create(DefaultConfig.Instance);
        if (addJob) config.AddJob(quick ? Job.ShortRun.WithId("Quick") : Job.Default.WithId("Full"));
        return config
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median, StatisticColumn.P95)
            .AddExporter(JsonExporter.Full)
            .AddExporter(new CsvExporter(CsvSeparator.Comma, SummaryStyle.Default.WithTimeUnit(TimeUnit.Nanosecond).WithSizeUnit(SizeUnit.B).WithZeroMetricValuesInContent()))
            .AddExporter(MarkdownExporter.GitHub)
            .WithOption(ConfigOptions.JoinSummary, false)
            // The machine is shared: building the generated project can take minutes.
            .WithBuildTimeout(TimeSpan.FromMinutes(10));
    }
}
