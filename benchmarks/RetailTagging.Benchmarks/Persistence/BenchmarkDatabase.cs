using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using RetailTagging.EntityFrameworkCore;

namespace RetailTagging.Benchmarks.Persistence;

/// <summary>The database engines the persistence suites run on.</summary>
public enum Provider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// A migrated database for a persistence suite: a SQLite file in the temp directory, or a database on the
/// PostgreSQL server named by RETAILTAGGING_POSTGRES (a Npgsql connection string whose user may CREATE
/// DATABASE; docs/performance.md shows how to start a throwaway server).
/// </summary>
internal sealed class BenchmarkDatabase
{
    public const string PostgresVariable = "RETAILTAGGING_POSTGRES";

    private BenchmarkDatabase(Provider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        var builder = new DbContextOptionsBuilder<RetailTaggingDbContext>();
        _ = provider == Provider.Sqlite ? builder.UseSqlite(connectionString) : builder.UseNpgsql(connectionString);
        Options = builder.UseRetailTagging().Options;
        Factory = new PooledDbContextFactory<RetailTaggingDbContext>(Options);
    }

    public Provider Provider { get; }

    public string ConnectionString { get; }

    public DbContextOptions<RetailTaggingDbContext> Options { get; }

    public IDbContextFactory<RetailTaggingDbContext> Factory { get; }

    public static string PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"The PostgreSQL benchmarks need {PostgresVariable} (a Npgsql connection string whose user may CREATE DATABASE); see docs/performance.md, 'Persistence'.");

    /// <summary>A new, empty, migrated database (a fresh SQLite file, or a PostgreSQL database dropped and re-created).</summary>
    public static async Task<BenchmarkDatabase> CreateAsync(Provider provider, string name)
    {
        string connectionString;
        if (provider == Provider.Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), $"{name}.db");
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
            connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ConnectionString;
        }
        else
        {
            // Dropping with FORCE ends pooled connections to the old database; forget them first.
            NpgsqlConnection.ClearAllPools();
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
            connectionString = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString;
        }
        var database = new BenchmarkDatabase(provider, connectionString);
        await using var context = database.Factory.CreateDbContext();
        await context.Database.MigrateAsync();
        return database;
    }

    /// <summary>An existing PostgreSQL database, or null when the server has none of that name.</summary>
    public static async Task<BenchmarkDatabase?> OpenPostgresAsync(string name)
    {
        await using var connection = new NpgsqlConnection(PostgresServer);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        if (await command.ExecuteScalarAsync() is null) return null;
        return new BenchmarkDatabase(Provider.PostgreSql, new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString);
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
