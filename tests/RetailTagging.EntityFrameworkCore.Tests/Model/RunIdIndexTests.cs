using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.EntityFrameworkCore.Tests.Support;

namespace RetailTagging.EntityFrameworkCore.Tests.Model;

/// <summary>
/// The tag history's run id index is partial (only batch runs' rows): incremental saves, which write no run id,
/// skip it, and a run's changes are still found through it.
/// </summary>
public sealed class RunIdIndexTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Theory, SqliteData, PostgresData]
    public async Task The_run_id_index_leaves_out_rows_without_a_run(DatabaseProvider provider)
    {
        var database = await fixture.CreateAsync(provider);
        await using var context = database.CreateContext();

        var definition = await ScalarAsync(context, provider == DatabaseProvider.Sqlite
            ? "SELECT sql FROM sqlite_master WHERE type = 'index' AND name LIKE '%tag_history_run_id'"
            : "SELECT indexdef FROM pg_indexes WHERE indexname LIKE '%tag_history_run_id'", null);

        Assert.Matches(@"WHERE \(?""?run_id""? IS NOT NULL\)?", definition);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_lookup_of_a_runs_changes_uses_the_partial_index(DatabaseProvider provider)
    {
        var database = await fixture.CreateAsync(provider);
        await using var context = database.CreateContext();
        var at = new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 20; i++)
            context.Add(new TagHistoryRow { CustomerId = $"c{i}", Tag = "vip", Kind = "Added", NewValue = "true", AtUtc = at, RuleVersion = "v1", Reason = "rule", RunId = i % 4 == 0 ? "r1" : null });
        await context.SaveChangesAsync();
        var table = context.Model.FindEntityType(typeof(TagHistoryRow))!.GetTableName();

        // The run id is a parameter, as in a query of the application: the planner must prove the index's condition from
        // `run_id = @run` alone. PostgreSQL would scan a 20-row table, so sequential scans are priced out for the check.
        var plan = provider == DatabaseProvider.Sqlite
            ? await ScalarAsync(context, $"EXPLAIN QUERY PLAN SELECT id FROM \"{table}\" WHERE run_id = @run", "r1", column: 3)
            : await ScalarAsync(context, $"SET enable_seqscan = off; EXPLAIN SELECT id FROM \"{table}\" WHERE run_id = @run; RESET enable_seqscan", "r1");

        Assert.Contains("tag_history_run_id", plan, StringComparison.Ordinal);
        Assert.Equal(5, await context.TagHistory.CountAsync(h => h.RunId == "r1"));
    }

    // The plan and the index definition are text rows of provider-specific statements, outside EF's query model.
    private static async Task<string> ScalarAsync(RetailTaggingDbContext context, string sql, string? run, int column = 0)
    {
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync();
        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = sql;
            if (run is not null)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "run";
                parameter.Value = run;
                command.Parameters.Add(parameter);
            }
            var lines = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            do
            {
                while (await reader.ReadAsync())
                    lines.Add(reader.GetString(column));
            } while (await reader.NextResultAsync());
            return string.Join("\n", lines);
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }
}
