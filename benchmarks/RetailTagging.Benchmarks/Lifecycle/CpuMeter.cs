using System.Diagnostics;

namespace RetailTagging.Benchmarks.Lifecycle;

/// <summary>
/// Process CPU time and garbage collections per event over a benchmark's invocations, printed after
/// the run. On a shared machine the wall-clock mean counts the time other processes held the cores;
/// CPU time per event does not, so it tells what the scheduler costs (the garbage collector included,
/// as it runs in the process) and whether two threads cost more per event than one.
/// </summary>
internal sealed class CpuMeter
{
    private TimeSpan _cpu;
    private long _events;
    private long _allocated;
    private int _gen0, _gen1, _gen2;

    /// <summary>Measures one invocation of <paramref name="events"/> events.</summary>
    public async Task Measure(int events, Func<Task> invocation)
    {
        var process = Process.GetCurrentProcess();
        var (cpu, allocated) = (process.TotalProcessorTime, GC.GetTotalAllocatedBytes());
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        await invocation();
        process.Refresh();
        _cpu += process.TotalProcessorTime - cpu;
        _allocated += GC.GetTotalAllocatedBytes() - allocated;
        (_gen0, _gen1, _gen2) = (_gen0 + GC.CollectionCount(0) - gen0, _gen1 + GC.CollectionCount(1) - gen1, _gen2 + GC.CollectionCount(2) - gen2);
        _events += events;
    }

    /// <summary>Prints the totals as one <c>// LIFECYCLE-CPU</c> line.</summary>
    public void Report(string benchmark)
    {
        if (_events == 0) return;
        var perEvent = _cpu.TotalMicroseconds / _events;
        Console.WriteLine($"// LIFECYCLE-CPU {benchmark} events={_events} cpu-per-event={perEvent:F2}us (= {1_000_000 / perEvent:F0} events/s per busy core) " +
                          $"allocated-per-event={_allocated / (double)_events:F0}B gc0/1/2={_gen0}/{_gen1}/{_gen2} load={File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    }
}
