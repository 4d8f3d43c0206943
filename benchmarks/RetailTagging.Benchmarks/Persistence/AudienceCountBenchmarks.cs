using BenchmarkDotNet.Attributes;
using RetailTagging.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.PushDown;

namespace RetailTagging.Benchmarks.Persistence;

/// <summary>
/// An audience count over 1,000,000 customers on PostgreSQL: a segment pushed down to one SQL statement
/// (<see cref="SegmentQuery.CountAsync"/>), with the model's indexes (assignments by tag, events by customer and
/// time, events by type and customer) and the planner settings docs/persistence.md recommends for audience queries
/// (applied to the database by <see cref="AudienceSeeder"/>). Setup seeds the database once with COPY and checks the
/// SQL count against the engine's in-memory answer.
/// </summary>
public class AudienceCountBenchmarks
{
    private BenchmarkDatabase _database = null!;
    private SegmentQuery _query = null!;

    [Params("vip_shanghai_25_45", "gold_tier_women", "lapsed_high_value", "frequent_recent")]
    public string Segment { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var expected = AudienceSeeder.EnsureSeededAsync().GetAwaiter().GetResult();
        _database = BenchmarkDatabase.OpenPostgresAsync(AudienceSeeder.DatabaseName).GetAwaiter().GetResult()!;
        if (!SegmentQuery.TryCreate(AudienceSeeder.Catalog(), Segment, AudienceSeeder.AsOf, out var query, out var problems))
            throw new InvalidOperationException(string.Join("; ", problems));
        _query = query!;
        var count = Count().GetAwaiter().GetResult();
        if (count != expected[Segment])
            throw new InvalidOperationException($"{Segment}: SQL counted {count}, the engine {expected[Segment]}.");
        Console.WriteLine($"// {Segment}: {count:N0} of {AudienceSeeder.CustomerCount:N0} customers (engine agrees)");
    }

    [Benchmark(Description = "pushed-down segment count")]
    public async Task<int> Count()
    {
        await using var context = await _database.Factory.CreateDbContextAsync();
        return await _query.CountAsync(context);
    }
}
