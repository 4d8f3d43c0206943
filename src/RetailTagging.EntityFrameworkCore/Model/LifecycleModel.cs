using Microsoft.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Entities;

namespace RetailTagging.EntityFrameworkCore;

/// <summary>Lifecycle triggers: pending timers, the delivery outbox (with dead letters) and consent.</summary>
internal static class LifecycleModel
{
    public static void Configure(ModelBuilder modelBuilder, ModelNaming naming)
    {
        var timer = modelBuilder.Entity<TriggerTimerRow>();
        naming.Table(timer, TableNames.TriggerTimers);
        timer.HasKey(t => new { t.CustomerId, t.TriggerId, t.CauseId });
        timer.HasIndex(t => t.DueAtUtc);
        timer.Property(t => t.Version).IsConcurrencyToken();

        var outbox = modelBuilder.Entity<OutboxMessageRow>();
        naming.Table(outbox, TableNames.OutboxMessages);
        outbox.HasKey(o => o.IdempotencyKey);
        outbox.HasIndex(o => new { o.Status, o.NextAttemptAtUtc });
        outbox.HasIndex(o => o.CustomerId);
        outbox.Property(o => o.Version).IsConcurrencyToken();

        var consent = modelBuilder.Entity<ConsentRow>();
        naming.Table(consent, TableNames.Consents);
        consent.HasKey(c => new { c.CustomerId, c.Channel });
    }
}
