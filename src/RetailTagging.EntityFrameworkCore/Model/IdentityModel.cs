using Microsoft.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Entities;

namespace RetailTagging.EntityFrameworkCore;

/// <summary>Identity resolution: source records and their identifiers, reviewers' decisions, merge history.</summary>
internal static class IdentityModel
{
    public static void Configure(ModelBuilder modelBuilder, ModelNaming naming)
    {
        var record = modelBuilder.Entity<SourceRecordRow>();
        naming.Table(record, TableNames.SourceRecords);
        record.HasKey(r => r.Id);
        record.HasIndex(r => r.CustomerId);

        var identifier = modelBuilder.Entity<SourceIdentifierRow>();
        naming.Table(identifier, TableNames.SourceIdentifiers);
        identifier.HasKey(i => new { i.RecordId, i.Position });
        identifier.HasIndex(i => new { i.Type, i.ValueHash });

        var decision = modelBuilder.Entity<IdentityDecisionRow>();
        naming.Table(decision, TableNames.IdentityDecisions);
        decision.HasKey(d => d.Id);

        var change = modelBuilder.Entity<IdentityChangeRow>();
        naming.Table(change, TableNames.IdentityChanges);
        change.HasKey(c => c.Id);
        change.Property(c => c.Id).ValueGeneratedOnAdd();
    }
}
