using BenchmarkDotNet.Attributes;
using RetailTagging.Engine;
using RetailTagging.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Stores;
using RetailTagging.Language;

namespace RetailTagging.Benchmarks.Persistence;

/// <summary>
/// Tag-change writes through the tag store's bulk path (<c>SaveManyAsync</c>, the batch runner's path): per
/// invocation <see cref="Customers"/> customers each gain <see cref="TagsPerCustomer"/> tags, so every change
/// writes one assignment row and one history row, guarded by the customer's tag-set version. The result is
/// per change, so changes/s = 1 s / mean.
/// </summary>
public class TagChangeWriteBenchmarks
{
    public const int Customers = 2_000;
    public const int TagsPerCustomer = 5;
    private const int Changes = Customers * TagsPerCustomer;
    private static readonly DateTimeOffset AsOf = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly (string Tag, Value Value)[] Tags =
    [
        ("high_spender", Value.FromBool(true)), ("value_tier", Value.FromString("gold")), ("spend_365d", Value.FromNumber(12_345.5m)),
        ("dormant", Value.FromBool(true)), ("favourite_category", Value.FromString("maternity")),
    ];
    private EfTagStore<RetailTaggingDbContext> _store = null!;
    private BenchmarkDatabase _database = null!;
    private List<TagSetUpdate> _updates = null!;
    private int _round;

    [Params(Provider.Sqlite, Provider.PostgreSql)]
    public Provider Provider { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _database = BenchmarkDatabase.CreateAsync(Provider, "rt_bench_tags").GetAwaiter().GetResult();
        _store = new EfTagStore<RetailTaggingDbContext>(_database.Factory);
        // The answer check: one round writes every assignment and history row, and reads back.
        var result = _store.SaveManyAsync(NextUpdates()).GetAwaiter().GetResult();
        var read = _store.GetTagsAsync($"c{_round}-0").AsTask().GetAwaiter().GetResult();
        if (result.AssignmentRowsWritten != Changes || result.HistoryRowsWritten != Changes || read is null || read.Count != TagsPerCustomer)
            throw new InvalidOperationException($"Tag store check failed: {result}, read back {read?.Count} tags.");
    }

    private List<TagSetUpdate> NextUpdates()
    {
        var round = ++_round;
        var updates = new List<TagSetUpdate>(Customers);
        for (var i = 0; i < Customers; i++)
        {
            var customer = $"c{round}-{i}";
            var assignments = Tags.Select(t => new TagAssignment(t.Tag, t.Value, AsOf, null, TagSource.Rule, "v1")).ToList();
            var changes = Tags.Select(t => new TagChange(customer, t.Tag, TagChangeKind.Added, Value.Null, t.Value, AsOf, TagSource.Rule, "v1", "rule holds")).ToList();
            updates.Add(new TagSetUpdate(new TagSet(customer, AsOf, assignments), changes));
        }
        return updates;
    }

    [IterationSetup]
    public void PrepareUpdates() => _updates = NextUpdates();

    [Benchmark(OperationsPerInvoke = Changes, Description = "save tag changes in bulk (per change)")]
    public async Task<int> SaveMany() => (await _store.SaveManyAsync(_updates)).HistoryRowsWritten;
}
