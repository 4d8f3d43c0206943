using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RetailTagging.EntityFrameworkCore;

namespace RetailTagging.Cli.Demo;

/// <summary>Contexts on the demo's SQLite file for the EF Core stores (each store call opens its own).</summary>
internal sealed class DemoContextFactory(string path) : IDbContextFactory<RetailTaggingDbContext>
{
    private readonly DbContextOptions<RetailTaggingDbContext> _options =
        new DbContextOptionsBuilder<RetailTaggingDbContext>().UseSqlite($"Data Source={path};Pooling=False;Default Timeout=60")
            .AddInterceptors(new BulkLoadPragmas()).Options;

    public RetailTaggingDbContext CreateDbContext() => new(_options);

    /// <summary>
    /// The demo's bulk-load settings on every store connection (they are per connection): the file is rebuilt from
    /// scratch after a failure, so no fsync per commit, and a larger page cache for the stores' reads.
    /// </summary>
    private sealed class BulkLoadPragmas : DbConnectionInterceptor
    {
        private const string Pragmas = "PRAGMA synchronous=OFF; PRAGMA cache_size=-16384;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }
}
