using BenchmarkDotNet.Attributes;
using RetailTagging.Benchmarks.Infrastructure;
using RetailTagging.Language;

namespace RetailTagging.Benchmarks.Suites;

/// <summary>
/// Suite 2: one windowed aggregate predicate over 50 events per customer,
/// <c>sum(purchase.amount where category == "maternity" within 90d) &gt;= 300</c>. Workload: 256
/// customers' 50 most recent events, half of them from customers who bought maternity products
/// (so the filter matches often enough to matter). Results are per customer.
/// </summary>
[MemoryDiagnoser]
public class WindowedAggregateBenchmarks
{
    private const int N = 256;
    private const int Events = 50;
    private const string Rule = "sum(purchase.amount where category == \"maternity\" within 90d) >= 300";

    private (Customer Customer, CustomerEvent[] Events)[] _workload = [];
    private DateTimeOffset _asOf;
    private CompiledExpression _ours = null!;

    [GlobalSetup]
    public void Setup()
    {
        static bool Maternity(Synthetic.SyntheticCustomer c) => c.Events.Skip(c.Events.Count - Events).Any(e => e.Category == "maternity" && e.Type == EventTypes.Purchase);
        var buyers = BenchmarkData.WithExactly(Events, N / 2, Maternity);
        var others = BenchmarkData.WithExactly(Events, N / 2, c => !Maternity(c));
        _workload = [.. buyers.Zip(others).SelectMany(p => new[] { p.First, p.Second }).Select(c => (c.Customer, (CustomerEvent[])c.Events))];
        _asOf = BenchmarkData.AsOf;

        if (!TagExpression.TryCompile(Rule, out var compiled, out var diagnostics))
            throw new InvalidOperationException(string.Join(Environment.NewLine, diagnostics));
        _ours = compiled!;

        var expected = _workload.Select(w => HandLoop(w.Events, _asOf)).ToList();
        BenchmarkData.RequireSame("windowed aggregate", "ours", expected, _workload.Select(w => _ours.IsTrue(w.Customer, w.Events, _asOf)).ToList());
        BenchmarkData.RequireSame("windowed aggregate", "LINQ", expected, _workload.Select(w => HandLinq(w.Events, _asOf)).ToList());
        BenchmarkData.RequireMixed("windowed aggregate", expected);
    }

    /// <summary>The limit: one pass, the window (asOf - 90d, asOf] as ours defines it.</summary>
    private static bool HandLoop(CustomerEvent[] events, DateTimeOffset asOf)
    {
        var from = asOf - TimeSpan.FromDays(90);
        var sum = 0m;
        foreach (var e in events)
            if (e.Type == EventTypes.Purchase && e.At > from && e.At <= asOf && e.Category == "maternity" && e.Amount is { } amount)
                sum += amount;
        return sum >= 300m;
    }

    private static bool HandLinq(CustomerEvent[] events, DateTimeOffset asOf)
    {
        var from = asOf - TimeSpan.FromDays(90);
        return events.Where(e => e.Type == EventTypes.Purchase && e.At > from && e.At <= asOf && e.Category == "maternity")
            .Sum(e => e.Amount ?? 0m) >= 300m;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "Hand-written loop")]
    public int Loop()
    {
        var matches = 0;
        foreach (var (_, events) in _workload)
            if (HandLoop(events, _asOf)) matches++;
        return matches;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "RetailTagging (compiled)")]
    public int Ours()
    {
        var matches = 0;
        foreach (var (customer, events) in _workload)
            if (_ours.IsTrue(customer, events, _asOf)) matches++;
        return matches;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Hand-written LINQ")]
    public int Linq()
    {
        var matches = 0;
        foreach (var (_, events) in _workload)
            if (HandLinq(events, _asOf)) matches++;
        return matches;
    }
}
