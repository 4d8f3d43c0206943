using Microsoft.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore;

namespace RetailTagging.Cli.Demo;

/// <summary>Contexts on the demo's SQLite file for the EF Core stores (each store call opens its own).</summary>
internal sealed class DemoContextFactory(string path) : IDbContextFactory<RetailTaggingDbContext>
{
    private readonly DbContextOptions<RetailTaggingDbContext> _options =
        new DbContextOptionsBuilder<RetailTaggingDbContext>().UseSqlite($"Data Source={path};Pooling=False;Default Timeout=60").Options;

    public RetailTaggingDbContext CreateDbContext() => new(_options);
}
