using BenchmarkDotNet.Attributes;
using RetailTagging.Benchmarks.Infrastructure;
using RetailTagging.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Stores;

namespace RetailTagging.Benchmarks.Persistence;

/// <summary>
/// Event ingest through the EF Core event store's bulk path (multi-row inserts on SQLite, binary COPY on
/// PostgreSQL): one append of <see cref="Batch"/> synthetic events per invocation, each with a new id, into a
/// table that grows over the run. The result is per event, so events/s = 1 s / mean.
/// </summary>
public class EventIngestBenchmarks
{
    public const int Batch = 20_000;
    private CustomerEvent[] _templates = null!;
    private CustomerEvent[] _batch = null!;
    private EfEventStore<RetailTaggingDbContext> _store = null!;
    private int _round;

    [Params(Provider.Sqlite, Provider.PostgreSql)]
    public Provider Provider { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Synthetic purchases, refunds, cart adds... of the first customers; custom properties are left out
        // because the store validates against the built-in schema.
        _templates = [.. BenchmarkData.Customers(5_000).SelectMany(c => c.Events).Take(Batch)];
        if (_templates.Length < Batch) throw new InvalidOperationException($"Only {_templates.Length} synthetic events.");
        var database = BenchmarkDatabase.CreateAsync(Provider, "rt_bench_ingest").GetAwaiter().GetResult();
        _store = new EfEventStore<RetailTaggingDbContext>(database.Factory);
        // The answer check: a batch is stored completely, and a repeated batch is all duplicates.
        var first = NextBatch();
        var stored = _store.AppendEventsAsync(first).AsTask().GetAwaiter().GetResult();
        var again = _store.AppendEventsAsync(first).AsTask().GetAwaiter().GetResult();
        if (stored.Stored != Batch || stored.Rejected.Count > 0 || again.Stored != 0 || again.DuplicateIds.Count != Batch)
            throw new InvalidOperationException($"Event store check failed: stored {stored.Stored}, rejected {stored.Rejected.Count}, re-stored {again.Stored}.");
    }

    private CustomerEvent[] NextBatch()
    {
        var round = ++_round;
        return [.. _templates.Select(t => new CustomerEvent($"{t.Id}#{round}", t.CustomerId, t.Type, t.At)
        {
            Channel = t.Channel, Store = t.Store, Amount = t.Amount, Sku = t.Sku, Category = t.Category, Brand = t.Brand, Quantity = t.Quantity,
        })];
    }

    [IterationSetup]
    public void PrepareBatch() => _batch = NextBatch();

    [Benchmark(OperationsPerInvoke = Batch, Description = "append events (per event)")]
    public async Task<int> Append() => (await _store.AppendEventsAsync(_batch)).Stored;
}
