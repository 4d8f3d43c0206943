using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RetailTagging.EntityFrameworkCore.Tests.Support;

namespace RetailTagging.EntityFrameworkCore.Tests.Model;

public sealed class MigrationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Theory, SqliteData, PostgresData]
    public async Task Migrating_an_empty_database_leaves_no_pending_model_changes(DatabaseProvider provider)
    {
        var database = await fixture.CreateAsync(provider);
        await using var context = database.CreateContext();

        Assert.False(context.Database.HasPendingModelChanges());
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        // Every migration of the provider's set is applied, in order.
        Assert.Equal(context.Database.GetMigrations(), await context.Database.GetAppliedMigrationsAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_shipped_migrations_honour_a_schema_and_prefix(DatabaseProvider provider)
    {
        var database = await fixture.CreateAsync(provider, new RetailTaggingModelOptions { Schema = "crm", TablePrefix = "acme_" });
        await using var context = database.CreateContext();

        Assert.False(context.Database.HasPendingModelChanges());
        var tables = await TableNamesAsync(context, provider);
        Assert.Contains("acme_customers", tables);
        Assert.Contains("acme_events", tables);
        Assert.DoesNotContain("rt_customers", tables);
        // Rows go where the model says.
        context.AuditLog.Add(new Entities.AuditLogRow { Actor = "test", Action = "probe", AtUtc = DateTime.UtcNow });
        await context.SaveChangesAsync();
        Assert.Equal(1, await context.AuditLog.CountAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task Each_provider_sees_only_its_own_migration_set(DatabaseProvider provider)
    {
        var database = await fixture.GetAsync(provider);
        await using var context = database.CreateContext();
        var migrations = context.GetService<IMigrationsAssembly>();

        var expectedNamespace = provider == DatabaseProvider.Sqlite
            ? "RetailTagging.EntityFrameworkCore.Migrations.Sqlite"
            : "RetailTagging.EntityFrameworkCore.Migrations.PostgreSql";
        Assert.All(migrations.Migrations.Values, type => Assert.Equal(expectedNamespace, type.Namespace));
        Assert.Equal(expectedNamespace, migrations.ModelSnapshot!.GetType().Namespace);
    }

    [Fact]
    public void A_pooled_context_without_UseRetailTagging_says_what_to_add_and_works_with_it()
    {
        var bare = new PooledDbContextFactory<RetailTaggingDbContext>(new DbContextOptionsBuilder<RetailTaggingDbContext>().UseSqlite("Data Source=:memory:").Options);
        using (var context = bare.CreateDbContext())
            Assert.Contains("UseRetailTagging()", Assert.Throws<InvalidOperationException>(() => context.Model).Message);

        var configured = new PooledDbContextFactory<RetailTaggingDbContext>(new DbContextOptionsBuilder<RetailTaggingDbContext>().UseSqlite("Data Source=:memory:").UseRetailTagging().Options);
        using var ok = configured.CreateDbContext();
        Assert.NotNull(ok.Model.FindEntityType(typeof(Entities.EventRow)));
    }

    [Fact]
    public void A_prefix_that_is_not_a_plain_identifier_is_refused()
    {
        var builder = new DbContextOptionsBuilder<RetailTaggingDbContext>();
        Assert.Throws<ArgumentException>(() => builder.UseRetailTagging(o => o.TablePrefix = "rt; drop table x;"));
        Assert.Throws<ArgumentException>(() => builder.UseRetailTagging(o => o.Schema = "a-b"));
        Assert.Throws<ArgumentException>(() => builder.UseRetailTagging(o => o.TablePrefix = new string('p', 17)));
    }

    private static async Task<List<string>> TableNamesAsync(RetailTaggingDbContext context, DatabaseProvider provider)
    {
        var sql = provider == DatabaseProvider.Sqlite
            ? "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'"
            : "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'crm'";
        return await context.Database.SqlQueryRaw<string>(sql).ToListAsync();
    }
}
