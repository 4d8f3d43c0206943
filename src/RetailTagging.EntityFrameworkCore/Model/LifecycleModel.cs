using Microsoft.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Entities;

namespace RetailTagging.EntityFrameworkCore;

/// <summary>Lifecycle triggers: pending timers, the policy memory (decided keys, deliveries, touches), the delivery outbox (with dead letters) and consent.</summary>
internal static class LifecycleModel
{
    public static void Configure(ModelBuilder modelBuilder, ModelNaming naming)
    {
        var timer = modelBuilder.Entity<TriggerTimerRow>();
        naming.Table(timer, TableNames.TriggerTimers);
        timer.HasKey(t => new { t.CustomerId, t.TriggerId, t.CauseId });
        timer.HasIndex(t => t.DueAtUtc);
        timer.Property(t => t.Version).IsConcurrencyToken();

        var decision = modelBuilder.Entity<TriggerDecisionRow>();
        naming.Table(decision, TableNames.TriggerDecisions);
        decision.HasKey(d => d.KeyHash);
        decision.HasIndex(d => d.ExpiresAtUtc);

        var delivery = modelBuilder.Entity<TriggerDeliveryRow>();
        naming.Table(delivery, TableNames.TriggerDeliveries);
        delivery.HasKey(d => new { d.CustomerId, d.TriggerId });

        var touch = modelBuilder.Entity<TriggerTouchRow>();
        naming.Table(touch, TableNames.TriggerTouches);
        touch.HasKey(t => t.Id);
        touch.Property(t => t.Id).ValueGeneratedOnAdd();
        touch.HasIndex(t => new { t.CustomerId, t.AtUtc });
        touch.HasIndex(t => t.AtUtc);

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
