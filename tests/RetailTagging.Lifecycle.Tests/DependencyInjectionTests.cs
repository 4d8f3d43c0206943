using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RetailTagging.Lifecycle.Tests.Support;

namespace RetailTagging.Lifecycle.Tests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task AddLifecycleTriggers_wires_the_scheduler_with_the_hosts_sink_clock_and_in_memory_stores()
    {
        var time = new FakeTimeProvider(Harness.Start);
        var sink = new RecordingSink(time);
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<ITriggerSink>(sink)
            .AddLifecycleTriggers(o => o.Add(Playbooks.AbandonedCart()));
        await using var provider = services.BuildServiceProvider();
        var scheduler = provider.GetRequiredService<TriggerScheduler>();
        Assert.Same(provider.GetRequiredService<ITriggerTimerStore>(), scheduler.Timers);
        provider.GetRequiredService<InMemoryConsentStore>().OptOut("c1", TriggerChannel.Push);
        await scheduler.OnEventAsync(Harness.Event("a", "c1", "cart_add", time.GetUtcNow()));
        time.Advance(TimeSpan.FromMinutes(30));
        await scheduler.AdvanceAsync();
        Assert.Equal(TriggerChannel.WeChat, Assert.Single(sink.Delivered).Channel);
    }

    [Fact]
    public void Duplicate_trigger_ids_fail_when_the_scheduler_is_resolved()
    {
        var services = new ServiceCollection()
            .AddSingleton<ITriggerSink>(new RecordingSink(TimeProvider.System))
            .AddLifecycleTriggers(o => o.Add(Playbooks.WinBack(), Playbooks.WinBack()));
        using var provider = services.BuildServiceProvider();
        var ex = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<TriggerScheduler>());
        Assert.Contains("win_back", ex.Message);
    }

    [Fact]
    public async Task UseCatalogTriggers_takes_the_triggers_of_the_catalog_AddRetailTagging_registered()
    {
        var time = new FakeTimeProvider(Harness.Start);
        var sink = new RecordingSink(time);
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<ITriggerSink>(sink);
        services.AddRetailTagging(o => o.UseCatalogText(Catalogs.PlaybookText, "playbook.tags"))
            .AddLifecycleTriggers(o => o.UseCatalogTriggers().Add(Trigger.OnEvent("code_trigger", "refund")));
        await using var provider = services.BuildServiceProvider();
        var scheduler = provider.GetRequiredService<TriggerScheduler>();
        Assert.Equal(8, scheduler.Definitions.Count);
        await scheduler.OnEventAsync(Harness.Event("s", "c1", "sign_up", time.GetUtcNow()));
        var welcome = Assert.Single(sink.Delivered);
        Assert.Equal(("send_welcome", TriggerChannel.WeChat, 70), (welcome.Action, welcome.Channel, welcome.Priority));
    }

    [Fact]
    public void UseCatalogTriggers_without_a_registered_catalog_fails_with_a_clear_message()
    {
        var services = new ServiceCollection()
            .AddSingleton<ITriggerSink>(new RecordingSink(TimeProvider.System))
            .AddLifecycleTriggers(o => o.UseCatalogTriggers());
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<TriggerScheduler>());
        Assert.Contains("AddRetailTagging", ex.Message);
    }

    [Fact]
    public async Task RunAsync_fires_timers_as_the_clock_moves_and_stops_on_cancellation()
    {
        var time = new FakeTimeProvider(Harness.Start);
        var sink = new RecordingSink(time);
        var options = new LifecycleOptions().Add(Trigger.OnEvent("t", "sign_up").After(TimeSpan.FromMinutes(5)));
        var scheduler = new TriggerScheduler(options, sink, timeProvider: time);
        await scheduler.OnEventAsync(Harness.Event("s", "c1", "sign_up", time.GetUtcNow()));
        using var stop = new CancellationTokenSource();
        var run = scheduler.RunAsync(TimeSpan.FromMinutes(1), stop.Token);
        // The run loop sleeps on the fake clock: keep moving it until the timer has fired.
        for (var i = 0; i < 400 && sink.Delivered.Count == 0; i++)
        {
            time.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(5);
        }
        Assert.True(sink.Attempts[0].At >= Harness.Start.AddMinutes(5));
        Assert.Single(sink.Delivered);
        await stop.CancelAsync();
        await run;
        Assert.True(run.IsCompletedSuccessfully);
    }
}
