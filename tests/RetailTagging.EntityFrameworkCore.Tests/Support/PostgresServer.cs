using Npgsql;

namespace RetailTagging.EntityFrameworkCore.Tests.Support;

/// <summary>The PostgreSQL server of the tests: RETAILTAGGING_POSTGRES, a Npgsql connection string whose user may CREATE DATABASE.</summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "RETAILTAGGING_POSTGRES";

    public const string SkipReason = "PostgreSQL tests skipped: set RETAILTAGGING_POSTGRES to a Npgsql connection string whose user may CREATE DATABASE (see README, \"PostgreSQL tests locally\").";

    public static string? ConnectionString { get; } =
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : null;

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string namePrefix)
    {
        var server = ConnectionString ?? throw new InvalidOperationException(SkipReason);
        var name = $"{namePrefix}_{Guid.NewGuid():N}"[..Math.Min(namePrefix.Length + 33, 63)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its pooled connections first.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var server = ConnectionString ?? throw new InvalidOperationException(SkipReason);
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
