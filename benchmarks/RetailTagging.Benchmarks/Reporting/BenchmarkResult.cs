using System.Text.Json;

namespace RetailTagging.Benchmarks.Reporting;

/// <summary>One measured benchmark case, as read from BenchmarkDotNet's full JSON export.</summary>
internal sealed record BenchmarkResult(string Suite, string Method, string Title, string Parameters, string Job, double MeanNs, double MedianNs, double? BytesPerOperation)
{
    /// <summary>The cases compared with each other: same suite, parameters and job.</summary>
    public string Group => Parameters.Length == 0 ? $"{Suite} [{Job}]" : $"{Suite} ({Parameters}) [{Job}]";

    /// <summary>Reads every <c>*-report-full.json</c> in <paramref name="directory"/>.</summary>
    public static IReadOnlyList<BenchmarkResult> ReadAll(string directory)
    {
        var results = new List<BenchmarkResult>();
        foreach (var file in Directory.EnumerateFiles(directory, "*-report-full.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var b in document.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                if (!b.TryGetProperty("Statistics", out var statistics) || statistics.ValueKind != JsonValueKind.Object) continue;
                var display = b.GetProperty("DisplayInfo").GetString() ?? "";
                results.Add(new BenchmarkResult(
                    Suite: Short(b.GetProperty("Type").GetString() ?? "?"),
                    Method: b.GetProperty("Method").GetString() ?? "?",
                    Title: (b.GetProperty("MethodTitle").GetString() ?? "?").Trim('\''),
                    Parameters: b.GetProperty("Parameters").GetString() ?? "",
                    Job: JobOf(display),
                    MeanNs: statistics.GetProperty("Mean").GetDouble(),
                    MedianNs: statistics.GetProperty("Median").GetDouble(),
                    BytesPerOperation: b.TryGetProperty("Memory", out var memory) && memory.TryGetProperty("BytesAllocatedPerOperation", out var bytes)
                        && bytes.ValueKind == JsonValueKind.Number ? bytes.GetDouble() : null));
            }
        }
        return results;
    }

    private static string Short(string type) => type.EndsWith("Benchmarks", StringComparison.Ordinal) ? type[..^"Benchmarks".Length] : type;

    // DisplayInfo reads "Type.Method: JobId(Setting=..., ...)".
    private static string JobOf(string display)
    {
        var colon = display.LastIndexOf(": ", StringComparison.Ordinal);
        if (colon < 0) return "?";
        var job = display[(colon + 2)..];
        var paren = job.IndexOf('(', StringComparison.Ordinal);
        return (paren < 0 ? job : job[..paren]).Trim();
    }
}
