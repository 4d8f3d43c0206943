namespace RetailTagging.Benchmarks.Reporting;

/// <summary>Which case of a group is ours and which is its baseline, and the ratios between them.</summary>
internal static class Comparisons
{
    // The baseline of each suite: the hand-written limit, or for compile times our subset compile.
    private static readonly string[] BaselineMethods = ["Lambda", "Loop", "OursSubset"];

    public static BenchmarkResult? Baseline(IEnumerable<BenchmarkResult> group) =>
        group.FirstOrDefault(r => BaselineMethods.Contains(r.Method));

    public static BenchmarkResult? Ours(IEnumerable<BenchmarkResult> group) =>
        group.FirstOrDefault(r => r.Method.StartsWith("Ours", StringComparison.Ordinal) && !BaselineMethods.Contains(r.Method))
        ?? group.FirstOrDefault(r => r.Method.StartsWith("Ours", StringComparison.Ordinal) || r.Method is "EvaluateAll" or "Batch");

    /// <summary>Mean of <paramref name="result"/> divided by the mean of <paramref name="reference"/>.</summary>
    public static double? Ratio(BenchmarkResult result, BenchmarkResult? reference) =>
        reference is null || reference.MeanNs <= 0 ? null : result.MeanNs / reference.MeanNs;

    public static string Time(double ns) => ns switch
    {
        >= 1e9 => $"{ns / 1e9:F2} s",
        >= 1e6 => $"{ns / 1e6:F2} ms",
        >= 1e3 => $"{ns / 1e3:F2} µs",
        _ => $"{ns:F1} ns",
    };

    public static string Bytes(double? bytes) => bytes switch
    {
        null => "n/a",
        >= 1024 * 1024 => $"{bytes / (1024 * 1024):F1} MB",
        >= 1024 => $"{bytes / 1024:F1} KB",
        _ => $"{bytes:F0} B",
    };

    /// <summary>Operations (predicate calls, customers, compiles) per second at the mean.</summary>
    public static string PerSecond(double ns) => ns <= 0 ? "" : (1e9 / ns) switch
    {
        >= 1e6 => $"{1e9 / ns / 1e6:F1} M/s",
        >= 1e3 => $"{1e9 / ns / 1e3:F1} k/s",
        var x => $"{x:F1}/s",
    };

    public static string Times(double? ratio) => ratio is { } r ? $"{r:0.##}x" : "";
}
