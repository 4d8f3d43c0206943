using System.Data.Common;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>
/// Raises a SQLite connection's page cache for the length of a bulk write, then puts the connection's own setting back.
/// A bulk write dirties a random page of every index per row: with SQLite's default 2 MB cache the dirty pages overflow
/// it mid-transaction and are spilled to the write-ahead log again and again (most of the ingest time in a profile),
/// while a cache that holds them writes each page once at commit. Nothing about durability changes.
/// </summary>
internal sealed class SqlitePageCache : IAsyncDisposable
{
    // 64 MiB: holds the dirty pages of a 10,000-event chunk over three secondary indexes of a multi-million-row table.
    private const long BulkKib = 65_536;
    private readonly DbConnection _connection;
    private readonly DbTransaction? _transaction;
    private readonly long? _previous;

    private SqlitePageCache(DbConnection connection, DbTransaction? transaction, long? previous)
    {
        _connection = connection;
        _transaction = transaction;
        _previous = previous;
    }

    /// <summary>Raises the cache of <paramref name="connection"/> (open) unless it is at least as large already.</summary>
    public static async Task<SqlitePageCache> RaiseAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var previous = Convert.ToInt64(await ExecuteAsync(connection, transaction, "PRAGMA cache_size", cancellationToken).ConfigureAwait(false),
            System.Globalization.CultureInfo.InvariantCulture);
        // A positive setting counts pages, a negative one KiB; compare in KiB with the default 4 KiB page for a positive one.
        var previousKib = previous < 0 ? -previous : previous * 4;
        if (previousKib < BulkKib) await ExecuteAsync(connection, transaction, $"PRAGMA cache_size = -{BulkKib}", cancellationToken).ConfigureAwait(false);
        return new SqlitePageCache(connection, transaction, previousKib < BulkKib ? previous : null);
    }

    /// <summary>Restores the connection's previous setting (a pooled connection goes back to the pool as it came).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_previous is not { } previous || _connection.State != System.Data.ConnectionState.Open) return;
        // Still inside the caller's transaction (the tag writer), or after the commit (the event store).
        var transaction = _transaction?.Connection is null ? null : _transaction;
        await ExecuteAsync(_connection, transaction, $"PRAGMA cache_size = {previous}", CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task<object?> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
