using Microsoft.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Entities;

namespace RetailTagging.EntityFrameworkCore;

/// <summary>Operations: the audit log and batch run checkpoints.</summary>
internal static class OperationsModel
{
    public static void Configure(ModelBuilder modelBuilder, ModelNaming naming)
    {
        var audit = modelBuilder.Entity<AuditLogRow>();
        naming.Table(audit, TableNames.AuditLog);
        audit.HasKey(a => a.Id);
        audit.Property(a => a.Id).ValueGeneratedOnAdd();
        audit.HasIndex(a => new { a.CustomerId, a.AtUtc });

        var checkpoint = modelBuilder.Entity<BatchCheckpointRow>();
        naming.Table(checkpoint, TableNames.BatchCheckpoints);
        checkpoint.HasKey(c => c.RunId);
        checkpoint.Property(c => c.Version).IsConcurrencyToken();
    }
}
