using System.Diagnostics;
using System.Globalization;
using System.Text;
using RetailTagging.Benchmarks.Infrastructure;
using RetailTagging.Catalog;
using RetailTagging.Engine;
using RetailTagging.Synthetic;

namespace RetailTagging.Benchmarks.Suites;

/// <summary>
/// Suites 5 and 7 (state part), run as <c>incremental [customers]</c>: BenchmarkDotNet reports
/// means, but ingest latency needs its distribution, so this mode times every
/// <see cref="IncrementalTagger.Ingest"/> call itself (Stopwatch ticks, one thread). The events
/// of N generated customers are replayed in global time order, each ingested "now" = its own time.
/// State bytes per customer = managed heap growth with the tagger alive and the input released
/// (profiles and retained events count: the tagger holds them).
/// </summary>
internal static class IncrementalRun
{
    public static int Run(string[] args)
    {
        var customers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var outputDirectory = args.Length > 1 ? args[1] : Path.Combine("BenchmarkDotNet.Artifacts", "results");
        if (!CatalogCompiler.TryCompile(ReferenceCatalog.Sources(), out var catalog, out var diagnostics))
            throw new InvalidOperationException(string.Join(Environment.NewLine, diagnostics));

        var (tagger, latencies, elapsed, events, stateBytes) = Replay(catalog!, customers);
        GC.KeepAlive(tagger);
        // The first 5% warm the JIT and the caches: excluded from the distribution, not from throughput.
        var measured = latencies[(latencies.Length / 20)..];
        Array.Sort(measured);
        double Micro(double q) => measured[Math.Min(measured.Length - 1, (int)(q * measured.Length))] * 1e6 / Stopwatch.Frequency;

        var table = new StringBuilder()
            .AppendLine("| Customers | Events ingested | Throughput (events/s, 1 thread) | p50 | p99 | p99.9 | max | State per customer |")
            .AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|")
            .AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {customers:N0} | {events:N0} | {events / elapsed.TotalSeconds:N0} | {Micro(0.50):F1} µs | {Micro(0.99):F1} µs | {Micro(0.999):F1} µs | {measured[^1] * 1e6 / Stopwatch.Frequency:F0} µs | {stateBytes / (double)customers:N0} B |"))
            .ToString();
        Console.Write(table);
        Directory.CreateDirectory(outputDirectory);
        File.WriteAllText(Path.Combine(outputDirectory, "incremental-report.md"), table);
        return 0;
    }

    private static (IncrementalTagger Tagger, long[] Latencies, TimeSpan Elapsed, int Events, long StateBytes) Replay(CompiledCatalog catalog, int customers)
    {
        // No score provider here: its store would count as state. Score tags are then null (not held).
        var engine = new TagEngine(catalog, new TagEngineOptions { MaxDegreeOfParallelism = 1 });
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var generated = new RetailDataGenerator(BenchmarkData.Options).Customers(0, customers).ToList();
        var stream = generated.SelectMany(c => c.Events).OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal).ToArray();
        var profiles = generated.Select(c => c.Customer).ToArray();
        generated = null;

        var tagger = engine.CreateIncrementalTagger();
        foreach (var profile in profiles) tagger.UpsertCustomer(profile, profile.RegisteredAt);

        var latencies = new long[stream.Length];
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < stream.Length; i++)
        {
            var before = Stopwatch.GetTimestamp();
            var result = tagger.Ingest(stream[i], stream[i].At);
            latencies[i] = Stopwatch.GetTimestamp() - before;
            if (!result.Accepted && !result.IsDuplicate) throw new InvalidOperationException($"incremental: {stream[i].Id} rejected: {result.Reason}");
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        var events = stream.Length;
        stream = null;
        profiles = null;
        // Profiles, retained events and tag sets are now reachable only through the tagger.
        var state = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        return (tagger, latencies, elapsed, events, state);
    }
}
