using Microsoft.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.EntityFrameworkCore.Tests.Support;

namespace RetailTagging.EntityFrameworkCore.Tests.Batch;

/// <summary>
/// The crash test: a child process tagging the synthetic population with the 251-tag reference catalog is killed
/// (Process.Kill) while inside a chunk; a rerun with the same run id must end with exactly the assignments, history
/// and tag sets of an uninterrupted run on an identical database, and no history row twice.
/// </summary>
public sealed class BatchCrashTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string Customers = "300";
    private const string ChunkSize = "20";
    private const int KillAfterCommits = 3;
    private const string PriorInstant = "2025-03-31T00:00:00Z";
    private const string RunInstant = "2025-06-30T14:00:00Z";

    [Theory, SqliteData, PostgresData]
    public async Task A_batch_killed_in_a_chunk_and_rerun_ends_in_the_state_of_an_uninterrupted_run(DatabaseProvider provider)
    {
        var name = CrashHostProcess.ProviderArgument(provider);
        var crashed = await databases.CreateAsync(provider);
        var reference = await databases.CreateAsync(provider);
        foreach (var database in new[] { crashed, reference })
        {
            // The same data and an earlier run's tags, so the run under test updates, deletes and inserts assignments.
            await CrashHostProcess.RunAsync("seed", name, database.ConnectionString, Customers);
            await CrashHostProcess.RunAsync("run", name, database.ConnectionString, "prior", "100", PriorInstant);
        }
        await CrashHostProcess.RunAsync("run", name, reference.ConnectionString, "nightly", ChunkSize, RunInstant);

        var printed = await CrashHostProcess.RunAndKillAfterAsync(KillAfterCommits, "run", name, crashed.ConnectionString, "nightly", ChunkSize, RunInstant);

        await using (var context = crashed.CreateContext())
        {
            var killed = await context.Set<BatchCheckpointRow>().AsNoTracking().SingleAsync(c => c.RunId == "nightly");
            Assert.Null(killed.CompletedAtUtc);
            Assert.InRange(killed.CustomersProcessed, KillAfterCommits * 20, 300 - 1);
            Assert.DoesNotContain(printed, line => line.StartsWith("completed", StringComparison.Ordinal));
        }
        // Resumed without an instant: the run's own instant is used.
        var rerun = await CrashHostProcess.RunAsync("run", name, crashed.ConnectionString, "nightly", ChunkSize);
        Assert.Contains("completed 300 ", rerun, StringComparison.Ordinal);

        await using var expected = reference.CreateContext();
        await using var actual = crashed.CreateContext();
        var expectedHistory = await BatchTestData.HistoryAsync(expected);
        Assert.Equal(await BatchTestData.AssignmentsAsync(expected), await BatchTestData.AssignmentsAsync(actual));
        Assert.Equal(expectedHistory, await BatchTestData.HistoryAsync(actual));
        Assert.Equal(await TagSetsAsync(expected), await TagSetsAsync(actual));
        var nightly = expectedHistory.Where(h => h.EndsWith("|nightly", StringComparison.Ordinal)).ToList();
        Assert.True(nightly.Count > 100, $"the run under test changed only {nightly.Count} tags");
        var keys = await actual.Set<TagHistoryRow>().AsNoTracking().Where(h => h.RunId == "nightly").Select(h => h.CustomerId + "|" + h.Tag).ToListAsync();
        Assert.Equal(keys.Count, keys.Distinct().Count()); // one change per customer and tag per run: nothing written twice
        var (reference1, actual1) = (await CheckpointAsync(expected), await CheckpointAsync(actual));
        Assert.Equal(reference1, actual1);
    }

    private static async Task<List<string>> TagSetsAsync(DbContext context) =>
        (await context.Set<TagSetRow>().AsNoTracking().ToListAsync()).Select(s => $"{s.CustomerId}|{s.AsOfUtc:O}|{s.Version}").Order(StringComparer.Ordinal).ToList();

    private static async Task<(long Customers, long Changes)> CheckpointAsync(DbContext context)
    {
        var checkpoint = await context.Set<BatchCheckpointRow>().AsNoTracking().SingleAsync(c => c.RunId == "nightly");
        return (checkpoint.CustomersProcessed, checkpoint.ChangesWritten);
    }
}
