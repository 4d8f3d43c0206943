using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RetailTagging.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Entities;
using Xunit;

namespace RetailTagging.Cli.Tests;

/// <summary><c>run --db</c> and <c>run --postgres</c>: the same rows as the in-memory run, with customers, events, assignments and history stored.</summary>
public sealed class RunDatabaseTests : TaggingFixture
{
    private string[] RunArgs(params string[] extra) => RunArgsAsOf("2024-06-30", extra);

    private string[] RunArgsAsOf(string asOf, params string[] extra) =>
        ["run", "--rules", Rules, "--customers", Customers, "--events", Events, "--as-of", asOf, .. extra];

    [Fact]
    public async Task With_db_the_rows_equal_the_in_memory_run_and_everything_is_stored_encrypted()
    {
        var db = P("crm.db");
        var (code, output, error) = Cli(RunArgs("--db", db));

        Assert.True(code == 0, error);
        Assert.Equal(["customer_id,tag,value", .. ExpectedRows], Lines(output));
        Assert.Contains("stored in ", error, StringComparison.Ordinal);
        Assert.Contains("4 new event(s), 0 already stored", error, StringComparison.Ordinal);
        Assert.True(File.Exists(db + ".keys"));

        await using var context = Sqlite(db);
        Assert.Equal(4, await context.Customers.CountAsync());
        Assert.Equal(4, await context.Events.CountAsync());
        Assert.Equal(ExpectedRows.Length, await context.TagAssignments.CountAsync());
        Assert.Equal(ExpectedRows.Length, await context.TagHistory.CountAsync(h => h.Kind == "Added"));
        Assert.NotNull((await context.Customers.SingleAsync(c => c.Id == "c2")).NameCipher);
        SqliteConnection.ClearAllPools();
        var bytes = await File.ReadAllBytesAsync(db);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("Wang, Wei"))); // names are encrypted at rest
    }

    [Fact]
    public async Task A_second_run_on_the_same_database_stores_no_event_twice_and_writes_only_changes()
    {
        var db = P("crm.db");
        var first = Cli(RunArgs("--db", db));
        Assert.True(first.Code == 0, first.Error);
        var later = Cli(RunArgsAsOf("2024-07-20", "--db", db));

        Assert.True(later.Code == 0, later.Error);
        Assert.Contains("0 new event(s), 4 already stored", later.Error, StringComparison.Ordinal);
        await using var context = Sqlite(db);
        Assert.Equal(4, await context.Events.CountAsync());
        // c1's purchases left the 7-day window (recent_buyer removed) and spend_30d changed; c3 and "c,4" did not change.
        var runs = await context.TagHistory.Select(h => h.RunId).Distinct().CountAsync();
        Assert.Equal(2, runs);
        var secondRun = await context.TagHistory.Where(h => h.AtUtc > new DateTime(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc)).ToListAsync();
        Assert.Contains(secondRun, h => h.CustomerId == "c1" && h.Tag == "recent_buyer" && h.Kind == "Removed");
        Assert.DoesNotContain(secondRun, h => h.CustomerId == "c3");
        Assert.Equal(Lines(later.Out).Length - 1, await context.TagAssignments.CountAsync());
    }

    [Fact]
    public void Bad_database_options_are_clear_errors()
    {
        var both = Cli(RunArgs("--db", P("a.db"), "--postgres", "Host=localhost", "--key-file", P("k")));
        Assert.Equal(1, both.Code);
        Assert.Contains("cannot be used together", both.Error, StringComparison.Ordinal);

        var noKeys = Cli(RunArgs("--postgres", "Host=localhost"));
        Assert.Equal(1, noKeys.Code);
        Assert.Contains("--postgres needs --key-file", noKeys.Error, StringComparison.Ordinal);

        File.WriteAllText(P("bad.keys"), "not json");
        var badKeys = Cli(RunArgs("--db", P("b.db"), "--key-file", P("bad.keys")));
        Assert.Equal(1, badKeys.Code);
        Assert.Contains("not a key file", badKeys.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(P("b.db")) && new FileInfo(P("b.db")).Length > 0 && badKeys.Out.Length > 0);
    }

    [Fact]
    public void An_unreachable_postgres_server_is_an_error_message_not_a_crash()
    {
        var (code, _, error) = Cli(RunArgs("--postgres", "Host=127.0.0.1;Port=1;Timeout=2;Username=nobody", "--key-file", P("pg.keys")));
        Assert.Equal(1, code);
        Assert.Contains("database error (the PostgreSQL database)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("nobody", error, StringComparison.Ordinal); // the connection string is not echoed
    }

    [PostgresFact]
    public async Task With_postgres_the_rows_equal_the_in_memory_run_and_everything_is_stored()
    {
        var server = Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)!;
        var name = $"rt_cli_{Guid.NewGuid():N}";
        await Execute(server, $"CREATE DATABASE \"{name}\"");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        try
        {
            var (code, output, error) = Cli(RunArgs("--postgres", connection, "--key-file", P("pg.keys")));

            Assert.True(code == 0, error);
            Assert.Equal(["customer_id,tag,value", .. ExpectedRows], Lines(output));
            await using var context = new RetailTaggingDbContext(new DbContextOptionsBuilder<RetailTaggingDbContext>().UseNpgsql(connection).UseRetailTagging().Options);
            Assert.Equal(4, await context.Customers.CountAsync());
            Assert.Equal(4, await context.Events.CountAsync());
            Assert.Equal(ExpectedRows.Length, await context.TagAssignments.CountAsync());
            Assert.Equal(ExpectedRows.Length, await context.Set<TagHistoryRow>().CountAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Execute(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static RetailTaggingDbContext Sqlite(string path) =>
        new(new DbContextOptionsBuilder<RetailTaggingDbContext>().UseSqlite($"Data Source={path};Pooling=False").UseRetailTagging().Options);

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A fact that needs PostgreSQL: skipped, with the reason in the test output, when RETAILTAGGING_POSTGRES is not set.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "RETAILTAGGING_POSTGRES";

    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 })
            Skip = "PostgreSQL test skipped: set RETAILTAGGING_POSTGRES to a Npgsql connection string whose user may CREATE DATABASE (see README).";
    }
}
