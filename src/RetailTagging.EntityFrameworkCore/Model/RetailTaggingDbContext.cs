using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using RetailTagging.EntityFrameworkCore.Entities;

namespace RetailTagging.EntityFrameworkCore;

/// <summary>
/// The provided context: just the RetailTagging tables, with the shipped migrations for SQLite and PostgreSQL.
/// Configure the schema and prefix with <see cref="RetailTaggingDbContextOptionsExtensions.UseRetailTagging"/>;
/// hosts that keep the tables in their own context call <see cref="ModelBuilderExtensions.ApplyRetailTaggingModel(ModelBuilder, Action{RetailTaggingModelOptions}?)"/> instead.
/// </summary>
public class RetailTaggingDbContext : DbContext
{
    /// <summary>Creates the context.</summary>
    public RetailTaggingDbContext(DbContextOptions<RetailTaggingDbContext> options) : base(options) { }

    /// <summary>For derived contexts.</summary>
    protected RetailTaggingDbContext(DbContextOptions options) : base(options) { }

    /// <summary>Customers.</summary>
    public DbSet<CustomerRow> Customers => Set<CustomerRow>();
    /// <summary>Source records.</summary>
    public DbSet<SourceRecordRow> SourceRecords => Set<SourceRecordRow>();
    /// <summary>Source record identifiers.</summary>
    public DbSet<SourceIdentifierRow> SourceIdentifiers => Set<SourceIdentifierRow>();
    /// <summary>Merge history.</summary>
    public DbSet<IdentityChangeRow> IdentityChanges => Set<IdentityChangeRow>();
    /// <summary>Reviewers' identity decisions.</summary>
    public DbSet<IdentityDecisionRow> IdentityDecisions => Set<IdentityDecisionRow>();
    /// <summary>Events.</summary>
    public DbSet<EventRow> Events => Set<EventRow>();
    /// <summary>Tag definitions.</summary>
    public DbSet<TagDefinitionRow> TagDefinitions => Set<TagDefinitionRow>();
    /// <summary>Saved tag sets (one row per customer).</summary>
    public DbSet<TagSetRow> TagSets => Set<TagSetRow>();
    /// <summary>Current tag assignments.</summary>
    public DbSet<TagAssignmentRow> TagAssignments => Set<TagAssignmentRow>();
    /// <summary>Tag history.</summary>
    public DbSet<TagHistoryRow> TagHistory => Set<TagHistoryRow>();
    /// <summary>Manual decisions.</summary>
    public DbSet<ManualDecisionRow> ManualDecisions => Set<ManualDecisionRow>();
    /// <summary>Score snapshots.</summary>
    public DbSet<ScoreSnapshotRow> ScoreSnapshots => Set<ScoreSnapshotRow>();
    /// <summary>Pending trigger timers.</summary>
    public DbSet<TriggerTimerRow> TriggerTimers => Set<TriggerTimerRow>();
    /// <summary>Decided trigger idempotency keys (keyed hashes).</summary>
    public DbSet<TriggerDecisionRow> TriggerDecisions => Set<TriggerDecisionRow>();
    /// <summary>The latest delivery per customer and trigger.</summary>
    public DbSet<TriggerDeliveryRow> TriggerDeliveries => Set<TriggerDeliveryRow>();
    /// <summary>Marketing touches per customer.</summary>
    public DbSet<TriggerTouchRow> TriggerTouches => Set<TriggerTouchRow>();
    /// <summary>The delivery outbox.</summary>
    public DbSet<OutboxMessageRow> OutboxMessages => Set<OutboxMessageRow>();
    /// <summary>Consent.</summary>
    public DbSet<ConsentRow> Consents => Set<ConsentRow>();
    /// <summary>Audit log.</summary>
    public DbSet<AuditLogRow> AuditLog => Set<AuditLogRow>();
    /// <summary>Batch checkpoints.</summary>
    public DbSet<BatchCheckpointRow> BatchCheckpoints => Set<BatchCheckpointRow>();

    /// <inheritdoc />
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        // The shipped migrations are chosen per provider by the extension; make sure it is there.
        if (optionsBuilder.Options.FindExtension<RetailTaggingOptionsExtension>() is not null) return;
        // A pooled context's options cannot change here: say what to do instead of EF Core's generic error.
        if (optionsBuilder.Options.FindExtension<CoreOptionsExtension>()?.MaxPoolSize is not null)
            throw new InvalidOperationException("A pooled RetailTaggingDbContext needs .UseRetailTagging() on its options, e.g. options.UseNpgsql(connectionString).UseRetailTagging().");
        ((IDbContextOptionsBuilderInfrastructure)optionsBuilder).AddOrUpdateExtension(new RetailTaggingOptionsExtension(new RetailTaggingModelOptions()));
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var options = this.GetService<IDbContextOptions>().FindExtension<RetailTaggingOptionsExtension>()?.Model ?? new RetailTaggingModelOptions();
        modelBuilder.ApplyRetailTaggingModel(options.ForProvider(supportsSchemas: !Database.IsSqlite()));
    }
}
