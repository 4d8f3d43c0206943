using System.Data.Common;
using Microsoft.Data.Sqlite;
using RetailTagging.EntityFrameworkCore.Stores;

namespace RetailTagging.EntityFrameworkCore.Tests.Stores;

/// <summary>The bulk writers raise a SQLite connection's page cache for one write and must hand a pooled connection back as it came.</summary>
public sealed class SqlitePageCacheTests
{
    [Fact]
    public async Task The_cache_is_raised_for_the_write_and_restored_after_the_commit()
    {
        await using var connection = await OpenAsync();
        await ExecuteAsync(connection, null, "PRAGMA cache_size = -2000");
        await using (await SqlitePageCache.RaiseAsync(connection, null, CancellationToken.None))
        {
            Assert.Equal(-65_536L, await CacheSizeAsync(connection, null));
            await using var transaction = await connection.BeginTransactionAsync();
            await ExecuteAsync(connection, transaction, "CREATE TABLE t (x integer)");
            await transaction.CommitAsync();
        }
        Assert.Equal(-2000L, await CacheSizeAsync(connection, null));
    }

    [Fact]
    public async Task Inside_the_callers_transaction_the_setting_is_restored_before_the_caller_commits()
    {
        await using var connection = await OpenAsync();
        await ExecuteAsync(connection, null, "PRAGMA cache_size = 500"); // in pages
        await using var transaction = await connection.BeginTransactionAsync();
        await using (await SqlitePageCache.RaiseAsync(connection, transaction, CancellationToken.None))
            Assert.Equal(-65_536L, await CacheSizeAsync(connection, transaction));
        Assert.Equal(500L, await CacheSizeAsync(connection, transaction));
        await transaction.CommitAsync();
    }

    [Fact]
    public async Task A_larger_cache_of_the_host_is_left_alone()
    {
        await using var connection = await OpenAsync();
        await ExecuteAsync(connection, null, "PRAGMA cache_size = -262144");
        await using (await SqlitePageCache.RaiseAsync(connection, null, CancellationToken.None))
            Assert.Equal(-262_144L, await CacheSizeAsync(connection, null));
        Assert.Equal(-262_144L, await CacheSizeAsync(connection, null));
    }

    private static async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> CacheSizeAsync(DbConnection connection, DbTransaction? transaction) =>
        Convert.ToInt64(await ExecuteAsync(connection, transaction, "PRAGMA cache_size"), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<object?> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
