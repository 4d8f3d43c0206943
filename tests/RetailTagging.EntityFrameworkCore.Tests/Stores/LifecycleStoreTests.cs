using RetailTagging.EntityFrameworkCore.Stores;
using RetailTagging.EntityFrameworkCore.Tests.Support;
using RetailTagging.Lifecycle;

namespace RetailTagging.EntityFrameworkCore.Tests.Stores;

public sealed class LifecycleStoreTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory, SqliteData, PostgresData]
    public async Task Timers_are_upserted_by_identity_listed_due_in_order_and_removed(DatabaseProvider provider)
    {
        var stores = new TestStores(await fixture.CreateAsync(provider));
        var timers = stores.Timers;
        Assert.Equal(0, timers.Count);
        Assert.Null(timers.NextDueAt);

        timers.Upsert(new TriggerTimer("welcome", "c1", "e1", T0, T0.AddHours(2)));
        timers.Upsert(new TriggerTimer("birthday", "c1", "2026", T0, T0.AddDays(3), anchor: new DateOnly(1990, 6, 4)));
        timers.Upsert(new TriggerTimer("welcome", "c2", "e2", T0, T0.AddHours(1)));
        var retry = new TriggerTimer("welcome", "c1", "e1", T0, T0.AddHours(5), TimerStage.Retry, attempt: 2, channel: TriggerChannel.WeChat);
        timers.Upsert(retry); // replaces the first one

        Assert.Equal(3, timers.Count);
        Assert.Equal(T0.AddHours(1), timers.NextDueAt);
        Assert.Equal(["c2:e2", "c1:e1"], timers.GetDue(T0.AddHours(6), 10).Select(t => $"{t.CustomerId}:{t.CauseId}"));
        Assert.Single(timers.GetDue(T0.AddHours(6), 1));
        var stored = timers.ForCustomer("c1").Single(t => t.TriggerId == "welcome");
        Assert.Equal((TimerStage.Retry, 2, TriggerChannel.WeChat, T0.AddHours(5)), (stored.Stage, stored.Attempt, stored.Channel, stored.DueAt));
        Assert.Equal(new DateOnly(1990, 6, 4), timers.ForCustomer("c1").Single(t => t.TriggerId == "birthday").Anchor);

        Assert.True(timers.Remove(retry));
        Assert.False(timers.Remove(retry));
        Assert.Equal(2, timers.Count);
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_outbox_enqueues_a_firing_once_and_tracks_delivery_failures_and_dead_letters(DatabaseProvider provider)
    {
        var stores = new TestStores(await fixture.CreateAsync(provider));
        var outbox = stores.Outbox;
        var firing = Firing("k1");
        Assert.True(await outbox.EnqueueAsync(firing));
        Assert.False(await outbox.EnqueueAsync(firing));
        Assert.True(await outbox.EnqueueAsync(Firing("k2")));

        Assert.Equal(["k1", "k2"], (await outbox.ReadDueAsync(stores.Clock.GetUtcNow(), 10)).Select(f => f.IdempotencyKey).Order());
        await outbox.MarkFailedAsync("k1", "timeout", stores.Clock.GetUtcNow().AddMinutes(5));
        await outbox.MarkDeliveredAsync("k2");
        Assert.Empty(await outbox.ReadDueAsync(stores.Clock.GetUtcNow(), 10));
        var due = Assert.Single(await outbox.ReadDueAsync(stores.Clock.GetUtcNow().AddMinutes(5), 10));
        Assert.Equal(("k1", 1, "send_coupon", TriggerChannel.Sms, "SPRING"), (due.IdempotencyKey, due.Attempt, due.Action, due.Channel, due.Properties["coupon"]));

        await outbox.DeadLetterAsync("k1", "gave up");
        IDeadLetterStore letters = outbox;
        letters.Add(new DeadLetter(Firing("k3") with { Attempt = 4 }, "sink down", stores.Clock.GetUtcNow().AddMinutes(1)));
        var list = letters.List();
        Assert.Equal([("k1", "gave up"), ("k3", "sink down")], list.Select(l => (l.Firing.IdempotencyKey, l.Error)));
        Assert.Equal(4, list[1].Firing.Attempt);
        Assert.Equal(EfOutbox<RetailTaggingDbContext>.Delivered, (await outbox.FindAsync("k2"))!.Status);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => outbox.MarkDeliveredAsync("nope"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Consent_is_open_until_opted_out_per_channel(DatabaseProvider provider)
    {
        var stores = new TestStores(await fixture.GetAsync(provider));
        var customer = TestStores.NewId("c");
        Assert.False(stores.Consent.IsOptedOut(customer, TriggerChannel.Sms));
        await stores.Consent.OptOutAsync(customer, TriggerChannel.Sms);
        Assert.True(stores.Consent.IsOptedOut(customer, TriggerChannel.Sms));
        Assert.False(stores.Consent.IsOptedOut(customer, TriggerChannel.Email));
        await stores.Consent.OptInAsync(customer, TriggerChannel.Sms);
        Assert.False(stores.Consent.IsOptedOut(customer, TriggerChannel.Sms));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Score_snapshots_replace_by_instant_and_audit_entries_read_back_in_order(DatabaseProvider provider)
    {
        var stores = new TestStores(await fixture.GetAsync(provider));
        var customer = TestStores.NewId("c");
        await stores.Scores.SaveAsync([new ScoreSnapshot(customer, "rfm", T0, 5), new ScoreSnapshot(customer, "p_alive", T0, 0.8), new ScoreSnapshot(customer, "rfm", T0.AddDays(1), 6)]);
        await stores.Scores.SaveAsync([new ScoreSnapshot(customer, "rfm", T0, 4)]);
        Assert.Equal([4.0, 6.0], (await stores.Scores.ReadAsync(customer, "rfm")).Select(s => s.Value));
        Assert.Equal(3, (await stores.Scores.ReadAsync(customer)).Count);

        await stores.Audit.AppendAsync(new AuditEntry(T0, "batch", "batch_run", customer, "run 1"));
        await stores.Audit.AppendAsync(new AuditEntry(T0.AddMinutes(1), "alice", "erase_customer", customer, null));
        Assert.Equal(["batch_run", "erase_customer"], (await stores.Audit.ReadAsync(customer)).Select(a => a.Action));
    }

    private static TriggerFiring Firing(string key) =>
        new(key, "welcome", "c1", "send_coupon", TriggerChannel.Sms, 1, T0, T0, 1, new Dictionary<string, string> { ["coupon"] = "SPRING" });
}
