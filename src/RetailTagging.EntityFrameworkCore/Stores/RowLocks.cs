using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>
/// On PostgreSQL, locks the rows a write is about to read-modify-write (<c>SELECT ... ORDER BY key FOR UPDATE</c>, in key
/// order so writers cannot deadlock), so concurrent writers of the same rows queue instead of failing their version check
/// over and over. SQLite needs nothing: its write transactions start <c>IMMEDIATE</c> and so are serialised already.
/// The version tokens still guard every update, for writers that do not take the lock.
/// </summary>
internal static class RowLocks
{
    public static async Task LockAsync<TEntity>(DbContext context, string keyProperty, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
        where TEntity : class
    {
        if (keys.Count == 0 || !Providers.IsPostgreSql(context)) return;
        var transaction = context.Database.CurrentTransaction ?? throw new InvalidOperationException("Row locks need a transaction.");
        var map = TableMap.For<TEntity>(context);
        var key = map[keyProperty];
        await using var command = new NpgsqlCommand(
            $"SELECT {key} FROM {map.Table} WHERE {key} = ANY(@keys) ORDER BY {key} FOR UPDATE",
            (NpgsqlConnection)context.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
        command.Parameters.Add(new NpgsqlParameter("keys", keys.ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) { }
    }
}
