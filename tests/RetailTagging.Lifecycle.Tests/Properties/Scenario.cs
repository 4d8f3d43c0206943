using Microsoft.Extensions.Time.Testing;
using RetailTagging.Lifecycle.Tests.Support;

namespace RetailTagging.Lifecycle.Tests.Properties;

/// <summary>A generated stream of events (and opt-outs) over a few customers, in time order, driven through a scheduler.</summary>
internal static class Scenario
{
    private static readonly string[] Types = ["cart_add", "checkout", "purchase", "sign_up", "refund"];

    /// <summary>Triggers mixing immediate, delayed, cancellable and multi-channel ones, without cooldowns or caps.</summary>
    public static LifecycleOptions Options() => new LifecycleOptions().Add(
        Trigger.OnEvent("cart", "cart_add").NotFollowedBy("checkout", TimeSpan.FromMinutes(30)).Via(TriggerChannel.Push, TriggerChannel.WeChat),
        Trigger.OnEvent("welcome", "sign_up").Via(TriggerChannel.WeChat, TriggerChannel.Sms, TriggerChannel.Email),
        Trigger.OnEvent("thanks", "purchase").After(TimeSpan.FromHours(2)).UnlessEvent("refund").Via(TriggerChannel.Sms),
        Trigger.OnInactivity("dormant", "purchase", TimeSpan.FromHours(6)).Via(TriggerChannel.Email, TriggerChannel.Call));

    /// <summary>Seeds to events: customer, type and minute offset come from each seed.</summary>
    public static IReadOnlyList<CustomerEvent> Events(int[] seeds) =>
        seeds.Select((s, i) =>
            {
                var u = (uint)s;
                return Harness.Event($"e{i}", $"c{u % 3}", Types[u / 3 % 5], Harness.Start.AddMinutes(u / 15 % 900));
            })
            .OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();

    /// <summary>Feeds events in time order, moving the clock to each event's instant and sweeping on the way.</summary>
    public static async Task Feed(FakeTimeProvider time, Func<TriggerScheduler> scheduler, IEnumerable<CustomerEvent> events, Action<int>? beforeEach = null)
    {
        var i = 0;
        foreach (var e in events)
        {
            beforeEach?.Invoke(i++);
            await AdvanceTo(time, scheduler(), e.At);
            await scheduler().OnEventAsync(e);
        }
    }

    public static async Task AdvanceTo(FakeTimeProvider time, TriggerScheduler scheduler, DateTimeOffset end)
    {
        while (scheduler.NextDueAt is { } due && due <= end)
        {
            if (due > time.GetUtcNow()) time.SetUtcNow(due);
            await scheduler.AdvanceAsync();
        }
        if (end > time.GetUtcNow()) time.SetUtcNow(end);
        await scheduler.AdvanceAsync();
    }

    public static DateTimeOffset End => Harness.Start.AddDays(3);
}
