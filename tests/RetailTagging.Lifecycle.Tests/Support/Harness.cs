using Microsoft.Extensions.Time.Testing;
using RetailTagging.Lifecycle;

namespace RetailTagging.Lifecycle.Tests.Support;

/// <summary>A scheduler on a fake clock (Monday 2 March 2026, 12:00 UTC) with a recording sink.</summary>
public sealed class Harness
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A fixed UTC+8 zone (no DST), like Asia/Shanghai, without depending on the machine's tz database.</summary>
    public static readonly TimeZoneInfo Beijing = TimeZoneInfo.CreateCustomTimeZone("Test+8", TimeSpan.FromHours(8), "Test+8", "Test+8");

    public Harness(Action<LifecycleOptions> configure, ITriggerTimerStore? store = null, InMemoryConsentStore? consent = null, FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(Start);
        Options = new LifecycleOptions();
        configure(Options);
        Store = store ?? new InMemoryTriggerTimerStore();
        Consent = consent ?? new InMemoryConsentStore();
        Sink = new RecordingSink(Time, Consent);
        Scheduler = new TriggerScheduler(Options, Sink, Store, Consent, timeProvider: Time);
    }

    public FakeTimeProvider Time { get; }
    public LifecycleOptions Options { get; }
    public ITriggerTimerStore Store { get; }
    public InMemoryConsentStore Consent { get; }
    public RecordingSink Sink { get; }
    public TriggerScheduler Scheduler { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>A new scheduler over the same store, consent and clock, as after a process restart.</summary>
    public TriggerScheduler Restart(RecordingSink sink) => new(Options, sink, Store, Consent, timeProvider: Time);

    public static CustomerEvent Event(string id, string customer, string type, DateTimeOffset at, decimal? amount = null, string? category = null) =>
        new(id, customer, type, at) { Amount = amount, Category = category };

    public async Task<IReadOnlyList<TriggerDecision>> Ingest(CustomerEvent e, IReadOnlyList<CustomerEvent>? history = null)
    {
        return await Scheduler.OnEventAsync(e, history: history);
    }

    /// <summary>Moves the clock forward, sweeping at every step so each timer fires at its due instant.</summary>
    public async Task Advance(TimeSpan by)
    {
        var end = Now + by;
        while (Scheduler.NextDueAt is { } due && due <= end)
        {
            if (due > Now) Time.SetUtcNow(due);
            await Scheduler.AdvanceAsync();
        }
        Time.SetUtcNow(end);
        await Scheduler.AdvanceAsync();
    }
}
