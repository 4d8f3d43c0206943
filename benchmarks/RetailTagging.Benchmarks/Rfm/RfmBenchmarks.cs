using BenchmarkDotNet.Attributes;
using RetailTagging.Benchmarks.Infrastructure;
using MathNet.Numerics.Distributions;
using RetailTagging.Rfm;
using RetailTagging.Rfm.Batch;
using RetailTagging.Rfm.Calculation;
using RetailTagging.Rfm.Prediction;
using RetailTagging.Rfm.Profiles;
using RetailTagging.Rfm.Scoring;

namespace RetailTagging.Benchmarks.Rfm;

/// <summary>Seeded data shared by the RFM benchmarks: customers with 20 purchase events each.</summary>
internal static class RfmData
{
    public static readonly DateTimeOffset AsOf = new(2025, 12, 31, 23, 59, 59, TimeSpan.Zero);

    public static RfmHistory[] Pool(int customers, int eventsPerCustomer = 20, int seed = 42)
    {
        var random = new Random(seed);
        string[] categories = ["dairy", "baby", "toys", "snacks", "beauty", "home"];
        string[] channels = ["pos", "online", "app", "mini_program"];
        var pool = new RfmHistory[customers];
        for (var c = 0; c < customers; c++)
        {
            var id = $"c{c}";
            var events = new CustomerEvent[eventsPerCustomer];
            for (var e = 0; e < eventsPerCustomer; e++)
            {
                var at = AsOf.AddMinutes(-random.Next(0, 730 * 24 * 60));
                // A mixed history: 60 % purchases, 10 % refunds, 30 % other events (views, cart adds).
                var roll = random.Next(10);
                var type = roll < 6 ? EventTypes.Purchase : roll == 6 ? EventTypes.Refund : roll < 9 ? EventTypes.PageView : EventTypes.CartAdd;
                events[e] = new CustomerEvent($"{id}-{e}", id, type, at)
                {
                    Amount = Math.Round((decimal)(random.NextDouble() * 300 + 1), 2),
                    Category = categories[random.Next(categories.Length)],
                    Channel = channels[random.Next(channels.Length)],
                };
            }
            pool[c] = new RfmHistory(id, events);
        }
        return pool;
    }

    /// <summary>A source of <paramref name="count"/> customers that cycles a pool (the events are generated once).</summary>
    public static IEnumerable<RfmHistory> Cycle(RfmHistory[] pool, int count)
    {
        for (var i = 0; i < count; i++)
            yield return pool[i % pool.Length];
    }

    /// <summary>BG/NBD customers simulated from the CDNOW estimates, in weeks, with CDNOW's acquisition window.</summary>
    public static List<BtydObservation> CdnowLike(int customers, int seed = 7)
    {
        var random = new Random(seed);
        var list = new List<BtydObservation>(customers);
        for (var i = 0; i < customers; i++)
        {
            var age = Math.Round((27 + 12 * random.NextDouble()) * 7) / 7; // whole days, as in the real data
            var rate = Gamma.Sample(random, 0.243, 4.414);
            var dropout = Beta.Sample(random, 0.793, 2.426);
            double t = 0, last = 0;
            var x = 0;
            while (true)
            {
                t += Exponential.Sample(random, rate);
                if (t > age)
                    break;
                x++;
                last = Math.Min(Math.Ceiling(t * 7) / 7, age);
                if (random.NextDouble() < dropout)
                    break;
            }
            list.Add(new BtydObservation(x, x > 0 ? Math.Max(last, 1 / 7.0) : 0, age, x > 0 ? 10 + 50 * random.NextDouble() : null));
        }
        return list;
    }
}

/// <summary>
/// The throughput target: RFM (two streaming passes: quantile sketches, then scores and segments) over
/// N customers with 20 events each, 1 and 10 million. One measured run each (a 10 million run takes a minute).
/// </summary>
[Config(typeof(SingleRunConfig))]
public class RfmBatchBenchmarks
{
    private RfmHistory[] _pool = [];
    private RfmCalculator _calculator = null!;

    [Params(1_000_000, 10_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _pool = RfmData.Pool(8192);
        _calculator = new RfmCalculator(new RfmOptions());
    }

    private TimeSpan _cpuAtStart;

    // CPU time next to wall time: on a shared machine the wall time mostly measures the other processes.
    [IterationSetup]
    public void StartCpuClock() => _cpuAtStart = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

    [IterationCleanup]
    public void ReportCpuTime() => Console.WriteLine(
        $"// RFM batch of {Customers:N0} customers: {(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart).TotalSeconds:F1} CPU-seconds, peak working set {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB");

    [Benchmark(Description = "RFM two-pass batch: sketch + score + segment")]
    public long TwoPassBatch()
    {
        var batch = new RfmBatch(_calculator);
        var scorer = batch.FitScorer(RfmData.Cycle(_pool, Customers), RfmData.AsOf);
        var profiler = new RfmProfiler(_calculator, new RfmModelSet(scorer));
        long champions = 0;
        foreach (var profile in batch.Profile(RfmData.Cycle(_pool, Customers), RfmData.AsOf, profiler))
            champions += profile.Segment == "Champions" ? 1 : 0;
        return champions;
    }
}

/// <summary>Per-customer costs: RFM from 20 events, scoring, and profiling (scores + segment), against a hand-written baseline.</summary>
public class RfmPerCustomerBenchmarks
{
    private const int Batch = 1024;
    private RfmHistory[] _pool = [];
    private CustomerRfm[] _summaries = [];
    private RfmCalculator _calculator = null!;
    private RfmQuantileScorer _scorer = null!;
    private RfmProfiler _profiler = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pool = RfmData.Pool(Batch);
        _calculator = new RfmCalculator(new RfmOptions());
        _summaries = _pool.Select(h => _calculator.Compute(h.CustomerId, h.Events, RfmData.AsOf)).ToArray();
        _scorer = RfmQuantileScorer.Fit(_summaries);
        _profiler = new RfmProfiler(_calculator, new RfmModelSet(_scorer));
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "hand-written loop: sum and max over 20 events")]
    public decimal HandWrittenBaseline()
    {
        decimal total = 0;
        foreach (var history in _pool)
        {
            var last = DateTimeOffset.MinValue;
            foreach (var e in history.Events)
            {
                if (e.Type == EventTypes.Purchase)
                {
                    total += e.Amount ?? 0;
                    last = e.At > last ? e.At : last;
                }
            }
        }
        return total;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "RfmCalculator.Compute (20 events)")]
    public int Compute()
    {
        var sum = 0;
        foreach (var history in _pool)
            sum += _calculator.Compute(history.CustomerId, history.Events, RfmData.AsOf).Frequency;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "quantile score")]
    public int Score()
    {
        var sum = 0;
        foreach (var summary in _summaries)
            sum += _scorer.Score(summary)!.Value.R;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "profile: scores + classic segment")]
    public int Profile()
    {
        var sum = 0;
        foreach (var summary in _summaries)
            sum += _profiler.Profile(summary).Segment?.Length ?? 0;
        return sum;
    }
}

/// <summary>Maximum-likelihood fits at the size of the full CDNOW master file (23,570 customers).</summary>
public class BtydFitBenchmarks
{
    private List<BtydObservation> _customers = [];

    [GlobalSetup]
    public void Setup() => _customers = RfmData.CdnowLike(23_570);

    [Benchmark(Description = "BG/NBD fit, 23,570 customers")]
    public double BgNbd() => BgNbdFitter.Fit(_customers, RfmTimeUnit.Weeks).EnsureSuccess().R;

    [Benchmark(Description = "Gamma-Gamma fit, CDNOW-sized repeaters")]
    public double GammaGamma() => GammaGammaFitter.Fit(_customers).EnsureSuccess().P;
}
