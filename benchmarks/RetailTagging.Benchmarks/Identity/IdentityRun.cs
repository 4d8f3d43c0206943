using System.Diagnostics;
using System.Globalization;
using RetailTagging.Identity;

namespace RetailTagging.Benchmarks.Identity;

/// <summary>
/// A quick Stopwatch/CPU-time run of the identity workloads of <see cref="IdentityBulkBenchmarks"/> and
/// <see cref="IdentityIncrementalBenchmarks"/> (same data, same options), for sizes BenchmarkDotNet takes too
/// long to repeat (millions of records) and for before/after comparisons on a loaded machine: it reports
/// process CPU time, bytes allocated, garbage collections and GC pause time next to the wall time and the
/// load average, because wall time alone means little when other jobs share the cores.
/// </summary>
/// <remarks>
/// <c>bulk [records] [runs]</c>: resolves the records into an empty resolver, <c>runs</c> times (default
/// 1,000,000 and 2). <c>incremental [held] [adds]</c>: adds fresh records one <c>AddAsync</c> at a time to a
/// resolver holding <c>held</c> records, twice (default 200,000 and 20,000).
/// </remarks>
public static class IdentityRun
{
    /// <summary>Runs the mode named by the first argument; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "bulk";
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        switch (mode)
        {
            case "bulk":
                Bulk(Arg(1, 1_000_000), Arg(2, 2));
                return 0;
            case "incremental":
                Incremental(Arg(1, 200_000), Arg(2, 20_000));
                return 0;
            default:
                Console.Error.WriteLine($"unknown mode '{mode}': use 'bulk [records] [runs]' or 'incremental [held] [adds]'");
                return 1;
        }
    }

    private static void Bulk(int count, int runs)
    {
        var records = IdentityData.Records(count, seed: 7);
        for (var run = 0; run < runs; run++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = Sample.Take();
            using var resolver = new IdentityResolver(new IdentityResolutionOptions());
            resolver.AddRangeAsync(records).GetAwaiter().GetResult();
            var used = Sample.Take() - before;
            Console.WriteLine($"bulk run {run}: {records.Count:N0} records -> {resolver.CustomerCount:N0} customers; {used.Describe(1)}; " +
                              $"heap {GC.GetTotalMemory(false) / 1e6:N0} MB, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB");
        }
    }

    private static void Incremental(int held, int adds)
    {
        using var resolver = new IdentityResolver(new IdentityResolutionOptions());
        resolver.AddRangeAsync(IdentityData.Records(held, seed: 11)).GetAwaiter().GetResult();
        var pool = IdentityData.Records(adds * 2, seed: 12, idPrefix: "new-");
        for (var round = 0; round < 2; round++)
        {
            var before = Sample.Take();
            for (var i = round * adds; i < (round + 1) * adds; i++)
            {
                resolver.AddAsync(pool[i]).GetAwaiter().GetResult();
            }
            var used = Sample.Take() - before;
            Console.WriteLine($"incremental round {round}: {adds:N0} adds to {held:N0} held; per add: {used.Describe(adds)}");
        }
    }

    /// <summary>Process-wide counters at one instant; the difference of two is what happened in between.</summary>
    private readonly record struct Sample(TimeSpan Wall, TimeSpan Cpu, long Allocated, int Gen0, int Gen1, int Gen2, TimeSpan Pause, string Load)
    {
        private static readonly Stopwatch Clock = Stopwatch.StartNew();

        public static Sample Take() => new(
            Clock.Elapsed,
            Process.GetCurrentProcess().TotalProcessorTime,
            GC.GetTotalAllocatedBytes(precise: true),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            GC.GetTotalPauseDuration(),
            File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?");

        public static Sample operator -(Sample after, Sample before) => new(
            after.Wall - before.Wall,
            after.Cpu - before.Cpu,
            after.Allocated - before.Allocated,
            after.Gen0 - before.Gen0,
            after.Gen1 - before.Gen1,
            after.Gen2 - before.Gen2,
            after.Pause - before.Pause,
            $"{before.Load} -> {after.Load}");

        /// <summary>
        /// Per operation when <paramref name="operations"/> is more than one (µs and KB), else totals (s and MB). Collections
        /// are GC.CollectionCount deltas for generations 0, 1 and 2 (a gen-1 collection also counts as a gen-0 one).
        /// </summary>
        public string Describe(int operations) => operations > 1
            ? $"wall {Wall.TotalMicroseconds / operations:N1} µs, CPU {Cpu.TotalMicroseconds / operations:N1} µs, allocated {Allocated / 1e3 / operations:N1} KB, " +
              $"GC pause {Pause.TotalMicroseconds / operations:N1} µs; collections {Gen0}/{Gen1}/{Gen2}; load {Load}"
            : $"wall {Wall.TotalSeconds:N2} s, CPU {Cpu.TotalSeconds:N2} s, allocated {Allocated / 1e6:N0} MB, " +
              $"GC pause {Pause.TotalSeconds:N2} s; collections {Gen0}/{Gen1}/{Gen2}; load {Load}";
    }
}
