using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace RetailTagging.EntityFrameworkCore.Tests.Support;

/// <summary>
/// The databases of one test class (use as <c>IClassFixture&lt;DatabaseFixture&gt;</c>): a SQLite file in a temporary
/// directory and, when RETAILTAGGING_POSTGRES is set, a fresh PostgreSQL database with a unique name; all migrated,
/// all deleted or dropped when the class is done. <see cref="CreateAsync"/> makes extra, empty ones for tests that need isolation.
/// </summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rt-ef-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<DatabaseProvider, Task<TestDatabase>> _shared = [];
    private readonly List<TestDatabase> _created = [];
    private readonly Lock _gate = new();

    /// <summary>The class's shared database for <paramref name="provider"/> (created and migrated on first use).</summary>
    public Task<TestDatabase> GetAsync(DatabaseProvider provider)
    {
        lock (_gate)
        {
            if (!_shared.TryGetValue(provider, out var database)) _shared[provider] = database = CreateAsync(provider);
            return database;
        }
    }

    /// <summary>A new, empty, migrated database, optionally with a schema and table prefix.</summary>
    public async Task<TestDatabase> CreateAsync(DatabaseProvider provider, RetailTaggingModelOptions? model = null, bool migrate = true)
    {
        model ??= new RetailTaggingModelOptions();
        string connectionString;
        if (provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(_directory);
            connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, $"{Guid.NewGuid():N}.db"), Pooling = false }.ConnectionString;
        }
        else connectionString = await PostgresServer.CreateDatabaseAsync("rt_test");
        var database = new TestDatabase(provider, connectionString, model);
        lock (_gate) _created.Add(database);
        if (migrate)
        {
            await using var context = database.CreateContext();
            await context.Database.MigrateAsync();
        }
        return database;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in _created.Where(d => d.Provider == DatabaseProvider.PostgreSql))
            await PostgresServer.DropDatabaseAsync(database.ConnectionString);
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
