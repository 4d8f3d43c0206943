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
using RetailTagging.Identity;
using RetailTagging.Lifecycle;
using RetailTagging.Rfm.Profiles;

namespace RetailTagging.Cli.Demo;

/// <summary>
/// The demo's embedded database: a SQLite file with the RetailTagging model (<see cref="RetailTaggingDbContext"/>).
/// Each chunk is one transaction; the high-volume tables are appended through <see cref="ModelTableWriter{TRow}"/>.
/// Personal data is encrypted with a key derived from the seed (a demo key, not a secret).
/// </summary>
internal sealed class SqliteDemoStore : IDemoStore
{
    /// <summary>The score snapshots kept per customer (the RFM adapter's and the host model's).</summary>
    public static readonly string[] StoredScores =
        [RfmValueNames.RScore, RfmValueNames.FScore, RfmValueNames.MScore, RfmValueNames.Monetary, RfmValueNames.PAlive, RfmValueNames.Clv, "churn"];

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly string _path;
    private readonly PersonalDataProtector _protector;
    private RetailTaggingDbContext? _context;
    private DbConnection? _connection;
    private Writers? _writers;
    private DateTime _asOf;
    private IReadOnlyList<string> _deferredIndexes = [];

    public SqliteDemoStore(string path, int seed)
    {
        _path = path;
        var key = SHA256.HashData(Encoding.UTF8.GetBytes($"retail-tags demo encryption key, seed {seed}"));
        var hashKey = SHA256.HashData(Encoding.UTF8.GetBytes($"retail-tags demo lookup-hash key, seed {seed}"));
        _protector = new PersonalDataProtector(new StaticKeyProvider("demo", new Dictionary<string, byte[]> { ["demo"] = key }, hashKey));
    }

    public IIdentityStore IdentityStore { get; } = new InMemoryIdentityStore();

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
    }

    public async Task WriteAsync(DemoChunk chunk, IReadOnlyList<DateTimeOffset> runs, CancellationToken cancellationToken)
    {
        var w = _writers ?? throw new InvalidOperationException("The store is not initialised.");
        await using var transaction = await _connection!.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        w.Use(transaction);
        for (var i = 0; i < chunk.Customers.Length; i++)
        {
            var customer = chunk.Customers[i];
            w.Customers.Insert(CustomerRowOf(customer.Customer));
            foreach (var e in customer.Events)
                w.Events.Insert(EventRowOf(e));
            var tags = chunk.Tags.Final[i].Tags;
            w.TagSets.Insert(new TagSetRow { CustomerId = tags.CustomerId, AsOfUtc = tags.AsOf.UtcDateTime, Version = 1 });
            foreach (var assignment in tags.Values)
                w.Assignments.Insert(new TagAssignmentRow
                {
                    CustomerId = tags.CustomerId,
                    Tag = assignment.Tag,
                    Value = assignment.Value.ToString(),
                    AssignedAtUtc = assignment.AssignedAt.UtcDateTime,
                    ExpiresAtUtc = assignment.ExpiresAt?.UtcDateTime,
                    Source = assignment.Source.ToString(),
                    RuleVersion = assignment.RuleVersion,
                    Version = 1,
                });
            WriteScores(w, chunk.Profiles[i], customer.Scores);
        }
        // The first run is the initial load: its assignments are the tag rows above (with their assigned-at instants).
        for (var run = 1; run < chunk.Tags.ChangesByRun.Length; run++)
        {
            var runId = "demo-" + runs[run].UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var change in chunk.Tags.ChangesByRun[run])
                w.History.Insert(HistoryRowOf(change, runId));
        }
        foreach (var firing in chunk.Triggers.Firings)
            w.Outbox.Insert(OutboxRowOf(firing));
        foreach (var timer in chunk.Triggers.PendingTimers)
            w.Timers.Insert(TimerRowOf(timer));
        w.Flush();
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
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

    private CustomerRow CustomerRowOf(Customer c) => new()
    {
        Id = c.Id,
        NameCipher = _protector.Protect(c.Name),
        PhoneCipher = _protector.Protect(c.Phone),
        EmailCipher = _protector.Protect(c.Email),
        Gender = c.Gender,
        BirthDate = c.BirthDate,
        City = c.City,
        RegisteredAtUtc = c.RegisteredAt?.UtcDateTime,
        MemberLevel = c.MemberLevel,
        AttributesJson = c.Attributes.Count == 0 ? null : JsonSerializer.Serialize(c.Attributes, Json),
        UpdatedAtUtc = _asOf,
        Version = 1,
    };

    private EventRow EventRowOf(CustomerEvent e) => new()
    {
        Id = e.Id,
        CustomerId = e.CustomerId,
        Type = e.Type,
        AtUtc = e.At.UtcDateTime,
        Channel = e.Channel,
        Store = e.Store,
        Amount = e.Amount,
        Sku = e.Sku,
        Category = e.Category,
        Brand = e.Brand,
        Quantity = e.Quantity,
        PropertiesJson = e.Properties.Count == 0 ? null : JsonSerializer.Serialize(e.Properties, Json),
        StoredAtUtc = _asOf,
    };

    private static TagHistoryRow HistoryRowOf(TagChange change, string runId) => new()
    {
        CustomerId = change.CustomerId,
        Tag = change.Tag,
        Kind = change.Kind.ToString(),
        OldValue = change.OldValue.IsNull ? null : change.OldValue.ToString(),
        NewValue = change.NewValue.IsNull ? null : change.NewValue.ToString(),
        AtUtc = change.At.UtcDateTime,
        Source = change.Source.ToString(),
        RuleVersion = change.RuleVersion,
        Reason = change.Reason,
        RunId = runId,
    };

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
        public ModelTableWriter<CustomerRow> Customers { get; } = new(context, connection);
        public ModelTableWriter<EventRow> Events { get; } = new(context, connection);
        public ModelTableWriter<TagSetRow> TagSets { get; } = new(context, connection);
        public ModelTableWriter<TagAssignmentRow> Assignments { get; } = new(context, connection);
        public ModelTableWriter<TagHistoryRow> History { get; } = new(context, connection);
        public ModelTableWriter<ScoreSnapshotRow> Scores { get; } = new(context, connection);
        public ModelTableWriter<OutboxMessageRow> Outbox { get; } = new(context, connection);
        public ModelTableWriter<TriggerTimerRow> Timers { get; } = new(context, connection);

        private IEnumerable<IDisposable> All => [Customers, Events, TagSets, Assignments, History, Scores, Outbox, Timers];

        public void Use(DbTransaction transaction)
        {
            Customers.Use(transaction);
            Events.Use(transaction);
            TagSets.Use(transaction);
            Assignments.Use(transaction);
            History.Use(transaction);
            Scores.Use(transaction);
            Outbox.Use(transaction);
            Timers.Use(transaction);
        }

        public void Flush()
        {
            Customers.Flush();
            Events.Flush();
            TagSets.Flush();
            Assignments.Flush();
            History.Flush();
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
