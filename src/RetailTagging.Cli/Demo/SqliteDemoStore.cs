using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RetailTagging.Catalog;
using RetailTagging.Engine;
using RetailTagging.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.EntityFrameworkCore.Privacy;
using RetailTagging.EntityFrameworkCore.Stores;
using RetailTagging.Identity;
using RetailTagging.Lifecycle;
using RetailTagging.Rfm.Profiles;

namespace RetailTagging.Cli.Demo;

/// <summary>
/// The demo's embedded database: a SQLite file with the RetailTagging model (<see cref="RetailTaggingDbContext"/>).
/// Customers, events, tags (each weekly run as a batch save) and identity records go through the package's EF Core
/// stores; score snapshots, firings and timers are appended through <see cref="ModelTableWriter{TRow}"/>.
/// Personal data is encrypted with a key derived from the seed (a demo key, not a secret).
/// </summary>
internal sealed class SqliteDemoStore : IDemoStore
{
    /// <summary>The score snapshots kept per customer (the RFM adapter's and the host model's).</summary>
    public static readonly string[] StoredScores =
        [RfmValueNames.RScore, RfmValueNames.FScore, RfmValueNames.MScore, RfmValueNames.Monetary, RfmValueNames.PAlive, RfmValueNames.Clv, "churn"];

    private const string CustomersPart = "customers (EfCustomerStore)";
    private const string EventsPart = "events (EfEventStore)";
    private const string InitialTagsPart = "tags, first run (EfTagStore)";
    private const string WeeklyTagsPart = "tags, weekly runs (EfTagStore)";
    private const string ModelRowsPart = "scores, firings, timers";

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly string _path;
    private readonly PersonalDataProtector _protector;
    private RetailTaggingDbContext? _context;
    private DbConnection? _connection;
    private Writers? _writers;
    private EfCustomerStore<RetailTaggingDbContext>? _customers;
    private EfEventStore<RetailTaggingDbContext>? _events;
    private EfTagStore<RetailTaggingDbContext>? _tags;
    private EfIdentityStore<RetailTaggingDbContext>? _identity;
    private DateTime _asOf;
    private IReadOnlyList<string> _deferredIndexes = [];

    public SqliteDemoStore(string path, int seed)
    {
        _path = path;
        var key = SHA256.HashData(Encoding.UTF8.GetBytes($"retail-tags demo encryption key, seed {seed}"));
        var hashKey = SHA256.HashData(Encoding.UTF8.GetBytes($"retail-tags demo lookup-hash key, seed {seed}"));
        _protector = new PersonalDataProtector(new StaticKeyProvider("demo", new Dictionary<string, byte[]> { ["demo"] = key }, hashKey));
    }

    public StepClock WriteClock { get; } = new();

    public IIdentityStore IdentityStore => _identity ?? throw new InvalidOperationException("The store is not initialised.");

    public async Task InitializeAsync(CompiledCatalog catalog, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm", _path + "-journal" })
            File.Delete(file);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        _asOf = asOf.UtcDateTime;
        _context = new RetailTaggingDbContext(new DbContextOptionsBuilder<RetailTaggingDbContext>()
            .UseSqlite($"Data Source={_path};Pooling=False").Options);
        // The package's shipped migrations when it has them (so the file can be migrated later), else the model as is.
        if (_context.Database.GetMigrations().Any())
            await _context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        else
            await _context.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        _connection = _context.Database.GetDbConnection();
        await _connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        // A fresh file rebuilt from scratch on failure: write-ahead log, no fsync per transaction.
        await ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536;", cancellationToken).ConfigureAwait(false);
        // Bulk load: the plain (non-unique) indexes are built once at the end, from sorted data, instead of row by row.
        _deferredIndexes = await DeferIndexesAsync(cancellationToken).ConfigureAwait(false);

        _context.TagDefinitions.AddRange(catalog.Tags.Select(t => new TagDefinitionRow
        {
            Name = t.Name,
            Version = t.Version,
            Dimension = t.Dimension,
            Expression = t.Expression,
            Description = t.Description ?? t.DisplayName,
            Ttl = t.TimeToLive,
            CreatedAtUtc = _asOf,
        }));
        await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        _context.ChangeTracker.Clear();
        _writers = new Writers(_context, _connection);
        // The package's stores for what they write in bulk; the writers above for scores, firings and timers.
        var contexts = new DemoContextFactory(_path);
        var options = new EntityFrameworkStoreOptions { EventSchema = catalog.Schema, TimeProvider = new ManualClock(asOf) };
        _customers = new EfCustomerStore<RetailTaggingDbContext>(contexts, _protector, options);
        _events = new EfEventStore<RetailTaggingDbContext>(contexts, options);
        _tags = new EfTagStore<RetailTaggingDbContext>(contexts, options);
        _identity = new EfIdentityStore<RetailTaggingDbContext>(contexts, _protector, options);
    }

    public async Task WriteAsync(DemoChunk chunk, IReadOnlyList<DateTimeOffset> runs, CancellationToken cancellationToken)
    {
        var w = _writers ?? throw new InvalidOperationException("The store is not initialised.");
        var clock = WriteClock;
        await clock.TimeAsync(CustomersPart, async () =>
            await _customers!.UpsertCustomersAsync([.. chunk.Customers.Select(c => c.Customer)], cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        await clock.TimeAsync(EventsPart, async () =>
            await _events!.AppendEventsAsync([.. chunk.Customers.SelectMany(c => c.Events)], cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        // Each weekly run as the batch job saves it: only the differing tag rows, and its changes as history with the
        // run's id. The first run is the initial load: its tags carry their assigned-at instant, without history rows.
        for (var run = 0; run < chunk.Tags.SetsByRun.Length; run++)
        {
            var changes = chunk.Tags.ChangesByRun[run].ToLookup(c => c.CustomerId, StringComparer.Ordinal);
            var updates = chunk.Tags.SetsByRun[run].Select(set => new TagSetUpdate(set, run == 0 ? [] : [.. changes[set.CustomerId]])).ToList();
            await clock.TimeAsync(run == 0 ? InitialTagsPart : WeeklyTagsPart, () => _tags!.SaveManyAsync(updates, RunId(runs[run]), cancellationToken)).ConfigureAwait(false);
        }

        await clock.TimeAsync(ModelRowsPart, async () =>
        {
            await using var transaction = await _connection!.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            w.Use(transaction);
            for (var i = 0; i < chunk.Customers.Length; i++)
                WriteScores(w, chunk.Profiles[i], chunk.Customers[i].Scores);
            foreach (var firing in chunk.Triggers.Firings)
                w.Outbox.Insert(OutboxRowOf(firing));
            foreach (var timer in chunk.Triggers.PendingTimers)
                w.Timers.Insert(TimerRowOf(timer));
            w.Flush();
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var create in _deferredIndexes)
            await ExecuteAsync(create, cancellationToken).ConfigureAwait(false);
        _deferredIndexes = [];
        // One self-contained file: fold the log back in, then plain rollback journaling; fresh statistics for the planner.
        await ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL; ANALYZE;", cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _writers?.Dispose();
        if (_context is not null)
            await _context.DisposeAsync().ConfigureAwait(false);
    }

    private void WriteScores(Writers w, RfmProfile profile, IReadOnlyDictionary<string, decimal> hostScores)
    {
        var values = profile.ToValues();
        foreach (var name in StoredScores)
        {
            var value = values.TryGetValue(name, out var v) && v is decimal d ? d : hostScores.TryGetValue(name, out var h) ? h : (decimal?)null;
            if (value is { } number)
                w.Scores.Insert(new ScoreSnapshotRow { CustomerId = profile.CustomerId, Score = name, AsOfUtc = _asOf, Value = (double)number });
        }
    }

    /// <summary>The batch run id of a weekly run, as stored in the history.</summary>
    public static string RunId(DateTimeOffset run) => "demo-" + run.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static OutboxMessageRow OutboxRowOf(TriggerFiring f) => new()
    {
        IdempotencyKey = f.IdempotencyKey,
        TriggerId = f.TriggerId,
        CustomerId = f.CustomerId,
        Action = f.Action,
        Channel = f.Channel.ToString(),
        Priority = f.Priority,
        CausedAtUtc = f.CausedAt.UtcDateTime,
        PropertiesJson = JsonSerializer.Serialize(f.Properties, Json),
        Status = "Pending",
        Attempts = 0,
        NextAttemptAtUtc = f.AttemptedAt.UtcDateTime,
        UpdatedAtUtc = f.AttemptedAt.UtcDateTime,
        Version = 1,
    };

    private static TriggerTimerRow TimerRowOf(TriggerTimer t) => new()
    {
        TriggerId = t.TriggerId,
        CustomerId = t.CustomerId,
        CauseId = t.CauseId,
        CausedAtUtc = t.CausedAt.UtcDateTime,
        DueAtUtc = t.DueAt.UtcDateTime,
        Stage = t.Stage.ToString(),
        Attempt = t.Attempt,
        Channel = t.Channel.ToString(),
        Anchor = t.Anchor,
        Version = 1,
    };

    // Drops the model's non-unique indexes and returns their CREATE statements (unique ones enforce keys and stay).
    private async Task<IReadOnlyList<string>> DeferIndexesAsync(CancellationToken cancellationToken)
    {
        var indexes = new List<(string Name, string Sql)>();
        await using (var query = _connection!.CreateCommand())
        {
            query.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name";
            await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in indexes)
            await ExecuteAsync($"DROP INDEX \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", cancellationToken).ConfigureAwait(false);
        return [.. indexes.Select(i => i.Sql)];
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = _connection!.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One prepared writer per table.</summary>
    private sealed class Writers(DbContext context, DbConnection connection) : IDisposable
    {
        public ModelTableWriter<ScoreSnapshotRow> Scores { get; } = new(context, connection);
        public ModelTableWriter<OutboxMessageRow> Outbox { get; } = new(context, connection);
        public ModelTableWriter<TriggerTimerRow> Timers { get; } = new(context, connection);

        private IEnumerable<IDisposable> All => [Scores, Outbox, Timers];

        public void Use(DbTransaction transaction)
        {
            Scores.Use(transaction);
            Outbox.Use(transaction);
            Timers.Use(transaction);
        }

        public void Flush()
        {
            Scores.Flush();
            Outbox.Flush();
            Timers.Flush();
        }

        public void Dispose()
        {
            foreach (var writer in All)
                writer.Dispose();
        }
    }
}
