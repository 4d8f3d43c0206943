using Microsoft.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Entities;

namespace RetailTagging.EntityFrameworkCore;

/// <summary>Events, tag definitions, current assignments, history, manual decisions and score snapshots.</summary>
internal static class EventAndTagModel
{
    public static void Configure(ModelBuilder modelBuilder, ModelNaming naming)
    {
        var @event = modelBuilder.Entity<EventRow>();
        naming.Table(@event, TableNames.Events);
        @event.HasKey(e => e.Sequence);
        @event.Property(e => e.Sequence).ValueGeneratedOnAdd();
        @event.HasIndex(e => e.Id).IsUnique();
        // Batch path: a customer's events in time order. Push-down: per-customer probes (exists/count/sum within a window)
        // answered from the index alone on PostgreSQL (INCLUDE columns; SQLite ignores them).
        @event.HasIndex(e => new { e.CustomerId, e.AtUtc }).IncludeProperties(e => new { e.Type, e.Amount });
        // Push-down: grouped windowed aggregates (count/sum compared with a constant) read a type's events from the index alone.
        if (IsPostgreSql(modelBuilder))
            // In customer order: PostgreSQL groups them as they stream by and merge-joins the groups with the customers'
            // primary key, where a (type, at_utc) window needed a hash table of every customer in the window, which cost
            // about three times the CPU at 90 days over 400 (docs/persistence.md, "Indexes").
            @event.HasIndex(e => new { e.Type, e.CustomerId, e.AtUtc }).IncludeProperties(e => e.Amount);
        else
            @event.HasIndex(e => new { e.Type, e.AtUtc }).IncludeProperties(e => new { e.CustomerId, e.Amount });

        var definition = modelBuilder.Entity<TagDefinitionRow>();
        naming.Table(definition, TableNames.TagDefinitions);
        definition.HasKey(d => new { d.Name, d.Version });

        var set = modelBuilder.Entity<TagSetRow>();
        naming.Table(set, TableNames.TagSets);
        set.HasKey(s => s.CustomerId);
        set.Property(s => s.Version).IsConcurrencyToken();

        var assignment = modelBuilder.Entity<TagAssignmentRow>();
        naming.Table(assignment, TableNames.TagAssignments);
        assignment.HasKey(a => new { a.CustomerId, a.Tag });
        assignment.HasIndex(a => new { a.Tag, a.CustomerId }); // push-down: audiences by tag
        // Push-down: a yes/no tag reference (value 'true', not expired) answered from this smaller index alone on PostgreSQL.
        assignment.HasIndex(a => new { a.Tag, a.CustomerId }, "IX_yes").IncludeProperties(a => a.ExpiresAtUtc)
            .HasFilter("\"value\" = 'true'").HasDatabaseName(naming.Name("IX_", TableNames.TagAssignments + "_yes"));
        assignment.Property(a => a.Version).IsConcurrencyToken();

        var history = modelBuilder.Entity<TagHistoryRow>();
        naming.Table(history, TableNames.TagHistory);
        history.HasKey(h => h.Id);
        history.Property(h => h.Id).ValueGeneratedOnAdd();
        history.HasIndex(h => new { h.CustomerId, h.Id });
        // A batch run's changes. Partial: incremental saves write no run id, and an index over every row would take a
        // NULL entry (a random-page update) per change for nothing; `run_id = @x` lookups still use it.
        history.HasIndex(h => h.RunId).HasFilter("\"run_id\" IS NOT NULL");

        var manual = modelBuilder.Entity<ManualDecisionRow>();
        naming.Table(manual, TableNames.ManualDecisions);
        manual.HasKey(m => m.Id);
        manual.Property(m => m.Id).ValueGeneratedOnAdd();
        // A decision is identified by who decided what, when; review steps update the same row.
        manual.HasIndex(m => new { m.CustomerId, m.Tag, m.DecidedAtUtc, m.DecidedBy }).IsUnique()
            .HasDatabaseName(naming.Name("IX_", TableNames.ManualDecisions + "_decision"));
        manual.Property(m => m.Version).IsConcurrencyToken();

        var score = modelBuilder.Entity<ScoreSnapshotRow>();
        naming.Table(score, TableNames.ScoreSnapshots);
        score.HasKey(s => new { s.CustomerId, s.Score, s.AsOfUtc });
    }

    // The model builder does not name its provider; Npgsql's conventions annotate the model before OnModelCreating
    // runs (its value generation strategy), in the provided context and in a host's own alike.
    private static bool IsPostgreSql(ModelBuilder modelBuilder) =>
        modelBuilder.Model.GetAnnotations().Any(a => a.Name.StartsWith("Npgsql:", StringComparison.Ordinal));
}
