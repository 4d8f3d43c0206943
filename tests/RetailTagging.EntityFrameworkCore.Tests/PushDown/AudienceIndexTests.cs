using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using RetailTagging.EntityFrameworkCore.Entities;

namespace RetailTagging.EntityFrameworkCore.Tests.PushDown;

/// <summary>
/// The events index behind grouped push-down aggregates depends on the provider: on PostgreSQL it is keyed
/// (type, customer_id, at_utc) so a type's events stream in customer order into a GroupAggregate and a merge join;
/// SQLite keeps (type, at_utc). Both the provided context and a host's own context must get the PostgreSQL one.
/// No server is contacted: building the model does not open a connection.
/// </summary>
public sealed class AudienceIndexTests
{
    private static readonly string[] PostgresKey = [nameof(EventRow.Type), nameof(EventRow.CustomerId), nameof(EventRow.AtUtc)];
    private static readonly string[] SqliteKey = [nameof(EventRow.Type), nameof(EventRow.AtUtc)];

    [Fact]
    public void Provided_context_on_PostgreSQL_keys_the_type_index_by_customer()
    {
        using var db = new RetailTaggingDbContext(new DbContextOptionsBuilder<RetailTaggingDbContext>()
            .UseNpgsql("Host=localhost;Database=unused").UseRetailTagging().Options);
        var index = TypeIndex(db);
        Assert.Equal(PostgresKey, index.Properties.Select(p => p.Name));
        Assert.Equal([nameof(EventRow.Amount)], index.GetIncludeProperties()!);
    }

    [Fact]
    public void Host_context_on_PostgreSQL_keys_the_type_index_by_customer()
    {
        using var db = new HostContext(new DbContextOptionsBuilder<HostContext>().UseNpgsql("Host=localhost;Database=unused").Options);
        Assert.Equal(PostgresKey, TypeIndex(db).Properties.Select(p => p.Name));
    }

    [Fact]
    public void SQLite_keeps_the_type_and_instant_index()
    {
        using var db = new RetailTaggingDbContext(new DbContextOptionsBuilder<RetailTaggingDbContext>()
            .UseSqlite("Data Source=:memory:").UseRetailTagging().Options);
        Assert.Equal(SqliteKey, TypeIndex(db).Properties.Select(p => p.Name));
    }

    private static IReadOnlyIndex TypeIndex(DbContext db)
    {
        // The design-time model keeps the provider annotations (INCLUDE columns) that the runtime model drops.
        var indexes = db.GetService<IDesignTimeModel>().Model.FindEntityType(typeof(EventRow))!.GetIndexes()
            .Where(i => i.Properties[0].Name == nameof(EventRow.Type)).ToList();
        return Assert.Single(indexes);
    }

    private sealed class HostContext(DbContextOptions<HostContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyRetailTaggingModel();
    }
}
