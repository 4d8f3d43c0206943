using System.Text;

namespace RetailTagging.Benchmarks.Reporting;

/// <summary>
/// <c>report [results-dir] [svg-path] [markdown-path]</c>: reads BenchmarkDotNet's full JSON
/// exports and writes the SVG chart and a markdown table of every case with its ratios.
/// </summary>
internal static class ReportCommand
{
    public static int Run(string[] args)
    {
        var directory = args.Length > 0 ? args[0] : Path.Combine("BenchmarkDotNet.Artifacts", "results");
        var svgPath = args.Length > 1 ? args[1] : "benchmarks.svg";
        var markdownPath = args.Length > 2 ? args[2] : Path.ChangeExtension(svgPath, ".md");
        if (!Directory.Exists(directory))
        {
            Console.Error.WriteLine($"No results directory '{directory}'. Run the benchmarks first.");
            return 2;
        }
        var results = BenchmarkResult.ReadAll(directory);
        if (results.Count == 0)
        {
            Console.Error.WriteLine($"No *-report-full.json in '{directory}'.");
            return 2;
        }
        var groups = results.GroupBy(r => r.Group).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(svgPath))!);
        File.WriteAllText(svgPath, SvgChart.Render(groups, "RetailTagging benchmarks"));
        var markdown = Table(groups);
        File.WriteAllText(markdownPath, markdown);
        Console.Write(markdown);
        Console.WriteLine($"Wrote {svgPath} and {markdownPath} from {results.Count} cases.");
        return 0;
    }

    private static string Table(IEnumerable<IGrouping<string, BenchmarkResult>> groups)
    {
        var s = new StringBuilder();
        s.AppendLine("| Suite | Contender | Mean | Median | Per second | Allocated | Ratio to baseline | Ratio to RetailTagging |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var group in groups)
        {
            var baseline = Comparisons.Baseline(group);
            var ours = Comparisons.Ours(group);
            foreach (var r in group.OrderBy(r => r.MeanNs))
                s.AppendLine($"| {group.Key} | {r.Title} | {Comparisons.Time(r.MeanNs)} | {Comparisons.Time(r.MedianNs)} | {Comparisons.PerSecond(r.MeanNs)} | {Comparisons.Bytes(r.BytesPerOperation)} | {Comparisons.Times(Comparisons.Ratio(r, baseline))} | {Comparisons.Times(Comparisons.Ratio(r, ours))} |");
        }
        return s.ToString();
    }
}
