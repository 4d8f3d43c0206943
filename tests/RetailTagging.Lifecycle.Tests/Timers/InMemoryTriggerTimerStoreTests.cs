using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Lifecycle.Tests.Support;

namespace RetailTagging.Lifecycle.Tests.Timers;

public sealed class InMemoryTriggerTimerStoreTests
{
    [Property(MaxTest = 300)]
    public Property The_store_agrees_with_a_plain_dictionary_model(int[] ops)
    {
        var store = new InMemoryTriggerTimerStore();
        var model = new Dictionary<(string, string, string), TriggerTimer>();
        foreach (var op in ops)
        {
            var u = (uint)op;
            var timer = new TriggerTimer($"t{u % 2}", $"c{u / 2 % 3}", $"x{u / 6 % 3}", Harness.Start, Harness.Start.AddMinutes(u / 18 % 50));
            var identity = (timer.TriggerId, timer.CustomerId, timer.CauseId);
            if (u / 900 % 3 == 0)
                Assert.Equal(model.Remove(identity), store.Remove(timer));
            else
            {
                store.Upsert(timer);
                model[identity] = timer;
            }
        }
        var upTo = Harness.Start.AddMinutes(25);
        var due = store.GetDue(upTo, int.MaxValue);
        var expectedDue = model.Values.Where(t => t.DueAt <= upTo).OrderBy(t => t.DueAt).Select(t => t.DueAt).ToList();
        var next = model.Count == 0 ? (DateTimeOffset?)null : model.Values.Min(t => t.DueAt);
        var perCustomer = model.Values.GroupBy(t => t.CustomerId).All(g => store.ForCustomer(g.Key).Count == g.Count());
        return (store.Count == model.Count
                && due.Select(t => t.DueAt).SequenceEqual(expectedDue)
                && due.All(t => model.TryGetValue((t.TriggerId, t.CustomerId, t.CauseId), out var m) && ReferenceEquals(m, t))
                && store.NextDueAt == next
                && perCustomer
                // Taking due timers does not remove them: they stay pending until processed.
                && store.Count == model.Count && store.GetDue(upTo, int.MaxValue).Count == due.Count)
            .Label($"count {store.Count} vs {model.Count}");
    }

    [Property(MaxTest = 200)]
    public Property Many_customers_grow_and_shrink_the_index_without_losing_one(int[] ops, PositiveInt customers)
    {
        // Enough customers to grow the hash table several times and to exercise deletion in long probe runs.
        var n = customers.Get % 3000 + 1;
        var store = new InMemoryTriggerTimerStore();
        var model = new Dictionary<(string, string, string), TriggerTimer>();
        var step = 0u;
        foreach (var op in ops.Concat(ops).Concat(ops))
        {
            var u = (uint)op * 2654435761u + step++ * 40503u;
            var timer = new TriggerTimer($"t{u % 2}", $"c{u / 2 % (uint)n}", $"event:e{u / 7 % 2}", Harness.Start, Harness.Start.AddMinutes(u / 13 % 50));
            var identity = (timer.TriggerId, timer.CustomerId, timer.CauseId);
            if (u / 101 % 3 == 0) Assert.Equal(model.Remove(identity), store.Remove(timer));
            else
            {
                store.Upsert(timer);
                model[identity] = timer;
            }
        }
        var byCustomer = model.Values.ToLookup(t => t.CustomerId);
        var agree = Enumerable.Range(0, n).All(i =>
            store.ForCustomer($"c{i}").OrderBy(t => t.IdempotencyKey, StringComparer.Ordinal)
                .SequenceEqual(byCustomer[$"c{i}"].OrderBy(t => t.IdempotencyKey, StringComparer.Ordinal)));
        return (agree && store.Count == model.Count && store.GetDue(Harness.Start.AddDays(1), int.MaxValue).Count == model.Count)
            .Label($"{n} customers, count {store.Count} vs {model.Count}");
    }

    [Theory]
    [InlineData("event:e42")]
    [InlineData("tag:vip:Added:638000000000000000")]
    [InlineData("date:birth_date:2027")]
    [InlineData("custom-cause")]
    [InlineData("event:")]
    public void A_timer_gives_back_its_cause_key_and_fields_as_given(string cause)
    {
        var timer = new TriggerTimer("trig", "c1", cause, Harness.Start, Harness.Start.AddHours(1), TimerStage.Retry, 255, TriggerChannel.Call, new DateOnly(1992, 2, 29));
        Assert.Equal(cause, timer.CauseId);
        Assert.Equal($"trig|c1|{cause}", timer.IdempotencyKey);
        Assert.Equal(IdempotencyKeys.For("trig", "c1", cause), timer.IdempotencyKey);
        Assert.Equal((Harness.Start, Harness.Start.AddHours(1), TimerStage.Retry, 255, TriggerChannel.Call, (DateOnly?)new DateOnly(1992, 2, 29)),
            (timer.CausedAt, timer.DueAt, timer.Stage, timer.Attempt, timer.Channel, timer.Anchor));
        Assert.True(timer.SameIdentity(new TriggerTimer("trig", "c1", cause, Harness.Start, Harness.Start)));
        Assert.False(timer.SameIdentity(new TriggerTimer("trig", "c1", cause + "x", Harness.Start, Harness.Start)));
        Assert.Null(new TriggerTimer("trig", "c1", cause, Harness.Start, Harness.Start).Anchor);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TriggerTimer("trig", "c1", cause, Harness.Start, Harness.Start, attempt: 256));
    }

    [Fact]
    public void GetDue_honours_the_limit_earliest_first()
    {
        var store = new InMemoryTriggerTimerStore();
        for (var i = 5; i > 0; i--) store.Upsert(new TriggerTimer("t", $"c{i}", "x", Harness.Start, Harness.Start.AddMinutes(i)));
        var due = store.GetDue(Harness.Start.AddHours(1), 2);
        Assert.Equal(["c1", "c2"], due.Select(t => t.CustomerId));
    }

    [Property(MaxTest = 200)]
    public Property GetDue_returns_the_earliest_due_across_every_shard(int[] dueMinutes, PositiveInt max)
    {
        // Customers spread over all shards; the limit cuts the backlog somewhere in the middle.
        var store = new InMemoryTriggerTimerStore();
        var model = new List<TriggerTimer>();
        for (var i = 0; i < dueMinutes.Length; i++)
        {
            var timer = new TriggerTimer("t", $"c{i}", $"event:e{i}", Harness.Start, Harness.Start.AddMinutes((uint)dueMinutes[i] % 200));
            store.Upsert(timer);
            model.Add(timer);
        }
        var limit = max.Get % 40 + 1;
        var upTo = Harness.Start.AddMinutes(150);
        var due = store.GetDue(upTo, limit);
        var expected = model.Where(t => t.DueAt <= upTo).Select(t => t.DueAt).Order().Take(limit);
        return (due.Select(t => t.DueAt).SequenceEqual(expected) && due.Distinct().Count() == due.Count
                && store.GetDue(upTo, int.MaxValue).Count == model.Count(t => t.DueAt <= upTo))
            .Label($"{dueMinutes.Length} timers, limit {limit}");
    }

    [Fact]
    public void Cancelled_timers_do_not_pile_up_in_the_due_queue()
    {
        // An inactivity timer replaced or cancelled on every purchase would otherwise stay queued until its (distant) due time.
        var store = new InMemoryTriggerTimerStore();
        for (var i = 0; i < 50_000; i++)
        {
            var timer = new TriggerTimer("win_back", $"c{i % 100}", $"event:e{i}", Harness.Start, Harness.Start.AddDays(90));
            store.Upsert(timer);
            if (i % 2 == 0) store.Remove(timer);
        }
        Assert.Equal(store.GetDue(Harness.Start.AddDays(91), int.MaxValue).Count, store.Count);
        Assert.InRange(store.QueueLength, store.Count, 2 * store.Count + 32 * 100);
    }

    [Fact]
    public void A_lease_written_and_removed_at_once_never_reaches_the_due_queue()
    {
        var store = new InMemoryTriggerTimerStore();
        for (var i = 0; i < 10_000; i++)
        {
            var lease = new TriggerTimer("welcome", $"c{i}", $"event:e{i}", Harness.Start, Harness.Start.AddSeconds(1), TimerStage.Retry, 2);
            store.Upsert(lease);
            Assert.True(store.Remove(lease));
        }
        Assert.Equal(0, store.Count);
        Assert.Equal(0, store.QueueLength);
        Assert.Null(store.NextDueAt);
    }
}
