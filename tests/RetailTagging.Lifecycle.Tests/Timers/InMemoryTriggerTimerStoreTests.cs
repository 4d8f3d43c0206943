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

    [Fact]
    public void GetDue_honours_the_limit_earliest_first()
    {
        var store = new InMemoryTriggerTimerStore();
        for (var i = 5; i > 0; i--) store.Upsert(new TriggerTimer("t", $"c{i}", "x", Harness.Start, Harness.Start.AddMinutes(i)));
        var due = store.GetDue(Harness.Start.AddHours(1), 2);
        Assert.Equal(["c1", "c2"], due.Select(t => t.CustomerId));
    }
}
