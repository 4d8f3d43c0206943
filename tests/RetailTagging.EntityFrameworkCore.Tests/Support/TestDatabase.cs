using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace RetailTagging.EntityFrameworkCore.Tests.Support;

/// <summary>One migrated database of a test class: its provider, connection string and a context factory.</summary>
public sealed class TestDatabase
{
    internal TestDatabase(DatabaseProvider provider, string connectionString, RetailTaggingModelOptions model)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Model = model;
        Options = Configure(new DbContextOptionsBuilder<RetailTaggingDbContext>()).Options;
        Factory = new PooledDbContextFactory<RetailTaggingDbContext>(Options);
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public RetailTaggingModelOptions Model { get; }

    public DbContextOptions<RetailTaggingDbContext> Options { get; }

    public IDbContextFactory<RetailTaggingDbContext> Factory { get; }

    public RetailTaggingDbContext CreateContext() => Factory.CreateDbContext();

    /// <summary>Points any options builder (the provided context's or a host context's) at this database.</summary>
    public DbContextOptionsBuilder<TContext> Configure<TContext>(DbContextOptionsBuilder<TContext> builder) where TContext : DbContext
    {
        _ = Provider == DatabaseProvider.Sqlite ? builder.UseSqlite(ConnectionString) : builder.UseNpgsql(ConnectionString);
        return builder.UseRetailTagging(o => { o.Schema = Model.Schema; o.TablePrefix = Model.TablePrefix; });
    }

    /// <summary>Registers <c>AddDbContextFactory&lt;RetailTaggingDbContext&gt;</c> for this database.</summary>
    public IServiceCollection AddContextFactory(IServiceCollection services) =>
        services.AddDbContextFactory<RetailTaggingDbContext>(b => Configure((DbContextOptionsBuilder<RetailTaggingDbContext>)b));
}
