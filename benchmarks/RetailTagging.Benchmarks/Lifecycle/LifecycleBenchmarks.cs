using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using RetailTagging.Lifecycle;

namespace RetailTagging.Benchmarks.Lifecycle;

/// <summary>A sink that only counts: the benchmark measures the scheduler, not the host.</summary>
internal sealed class CountingSink : ITriggerSink
{
    public long Count;

    public ValueTask DeliverAsync(TriggerFiring firing, CancellationToken cancellationToken)
    {
        Count++;
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Event in -> trigger decided -> sink called, on one thread. The playbook is loaded (7 triggers);
/// events cycle through sign-ups (immediate firing to the sink), cart adds and formula purchases
/// (timers), checkouts and purchases (cancellations) over 100,000 customers. Each invocation
/// ingests <see cref="Batch"/> events; per-event latencies of the Latency benchmark are collected
/// and their p50/p99/p99.9 printed after the run.
/// </summary>
// A fixed invocation count: every run ingests the same events (610,000 per benchmark in the short
// job), so the scheduler's state (pending timers, decided keys) and the CPU figures compare between runs.
[MemoryDiagnoser]
[InvocationCount(10)]
public class LifecycleEventBenchmarks
{
    public const int Batch = 10_000;
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Types = [EventTypes.SignUp, EventTypes.CartAdd, EventTypes.Checkout, EventTypes.Purchase, EventTypes.Complaint];
    private readonly List<long> _latencyTicks = new(4_000_000);
    private readonly CpuMeter _cpu = new();
    private TriggerScheduler _scheduler = null!;
    private CustomerEvent[] _events = null!;
    private int _next;

    [GlobalSetup(Targets = [nameof(Throughput), nameof(Latency)])]
    public void Setup()
    {
        var options = new LifecycleOptions { FrequencyCap = new FrequencyCap(3, TimeSpan.FromDays(7)) };
        // The playbook without the history-conditioned first-purchase trigger (the host would pass history).
        options.Add([.. Playbooks.All().Where(d => d.Id != "first_purchase_coupon")]);
        _scheduler = new TriggerScheduler(options, new CountingSink(), timeProvider: new FixedClock(Start));
        var random = new Random(7);
        _events = new CustomerEvent[1_000_000];
        for (var i = 0; i < _events.Length; i++)
        {
            var type = Types[random.Next(Types.Length)];
            _events[i] = new CustomerEvent($"e{i}", $"c{random.Next(100_000)}", type, Start.AddSeconds(i))
            {
                Amount = 100,
                Category = type == EventTypes.Purchase && random.Next(2) == 0 ? "formula_milk" : "snacks",
            };
        }
    }

    [GlobalSetup(Target = nameof(ThroughputTwoThreads))]
    public void SetupTwoThreads()
    {
        Setup();
        _lanes = [.. Enumerable.Range(0, 2).Select(lane => _events.Where(e => int.Parse(e.CustomerId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) % 2 == lane).ToArray())];
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "event -> decision -> sink (per event)")]
    public Task Throughput() => _cpu.Measure(Batch, async () =>
    {
        for (var i = 0; i < Batch; i++) await _scheduler.OnEventAsync(NextEvent());
    });

    [Benchmark(OperationsPerInvoke = Batch, Description = "same, two threads (customers split between them)")]
    public Task ThroughputTwoThreads() => _cpu.Measure(Batch, async () =>
    {
        // A host partitions its event stream by customer (as a Kafka consumer group would): each
        // thread keeps its customers' order, and the scheduler decides different customers in parallel.
        var first = Task.Run(async () => { for (var i = 0; i < Batch / 2; i++) await _scheduler.OnEventAsync(NextEvent(0)); });
        var second = Task.Run(async () => { for (var i = 0; i < Batch / 2; i++) await _scheduler.OnEventAsync(NextEvent(1)); });
        await Task.WhenAll(first, second);
    });

    [GlobalCleanup(Targets = [nameof(Throughput), nameof(ThroughputTwoThreads)])]
    public void ReportCpu() => _cpu.Report(_lanes is null ? "one-thread" : "two-threads");

    [Benchmark(OperationsPerInvoke = Batch, Description = "same, each event timed for percentiles")]
    public async Task Latency()
    {
        for (var i = 0; i < Batch; i++)
        {
            var e = NextEvent();
            var started = Stopwatch.GetTimestamp();
            await _scheduler.OnEventAsync(e);
            _latencyTicks.Add(Stopwatch.GetTimestamp() - started);
        }
    }

    [GlobalCleanup(Target = nameof(Latency))]
    public void Report()
    {
        if (_latencyTicks.Count == 0) return;
        var sorted = _latencyTicks.ToArray();
        Array.Sort(sorted);
        double Us(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))] * 1_000_000.0 / Stopwatch.Frequency;
        Console.WriteLine($"// LIFECYCLE-LATENCY events={sorted.Length} p50={Us(0.50):F2}us p99={Us(0.99):F2}us p99.9={Us(0.999):F2}us max={Us(1.0):F2}us pending-timers={_scheduler.Timers.Count}");
    }

    // Replays the pool with fresh ids so nothing is a duplicate.
    private CustomerEvent NextEvent()
    {
        var n = _next++;
        var e = _events[n % _events.Length];
        return n < _events.Length ? e : new CustomerEvent($"{e.Id}-{n}", e.CustomerId, e.Type, e.At) { Amount = e.Amount, Category = e.Category };
    }

    // The same for one of two lanes: lane k holds the customers whose number is k modulo 2. Like
    // NextEvent, the first pass over the pool uses its events as they are, so both benchmarks pay
    // the same (no) cost for making events until the pool is exhausted.
    private CustomerEvent NextEvent(int lane)
    {
        var pool = _lanes![lane];
        var n = Interlocked.Increment(ref _laneNext[lane * 16]) - 1;
        var e = pool[n % pool.Length];
        return n < pool.Length ? e : new CustomerEvent($"{e.Id}-{lane}-{n}", e.CustomerId, e.Type, e.At) { Amount = e.Amount, Category = e.Category };
    }

    private CustomerEvent[][]? _lanes;
    // Padded so the two counters sit on different cache lines.
    private readonly int[] _laneNext = new int[32];

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>
/// The timer store at scale: retained memory of 1,000,000 pending timers (one per customer, ids as
/// a host would hold them) printed after setup, and the cost of adding a timer and sweeping due ones.
/// </summary>
[MemoryDiagnoser]
public class TimerStoreBenchmarks
{
    private const int Pending = 1_000_000;
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private InMemoryTriggerTimerStore _store = null!;
    private int _n;

    [GlobalSetup]
    public void Setup()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        _store = new InMemoryTriggerTimerStore();
        for (var i = 0; i < Pending; i++)
            _store.Upsert(new TriggerTimer("abandoned_cart", $"c{i:D8}", $"event:e{i:D8}", Start, Start.AddMinutes(30 + i % 100_000)));
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// LIFECYCLE-TIMERS pending={_store.Count} retained-bytes={after - before} bytes-per-timer={(after - before) / (double)Pending:F0} (including the customer id and cause strings)");
    }

    [Benchmark(Description = "upsert one timer into 1M pending")]
    public void Upsert()
    {
        var i = _n++;
        _store.Upsert(new TriggerTimer("win_back", $"c{i % Pending:D8}", "event:x", Start, Start.AddDays(90)));
    }

    [Benchmark(Description = "GetDue(100) from 1M pending")]
    public int GetDue() => _store.GetDue(Start.AddDays(1), 100).Count;
}
