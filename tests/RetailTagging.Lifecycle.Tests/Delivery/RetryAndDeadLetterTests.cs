using RetailTagging.Lifecycle.Tests.Support;

namespace RetailTagging.Lifecycle.Tests.Delivery;

public sealed class RetryAndDeadLetterTests
{
    [Fact]
    public async Task Failed_deliveries_are_retried_with_exponential_backoff_on_the_time_provider()
    {
        var h = new Harness(o =>
        {
            o.Delivery = new DeliveryOptions { MaxAttempts = 5, InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromMinutes(1) };
            o.Add(Trigger.OnEvent("t", "sign_up"));
        });
        h.Sink.FailuresBeforeSuccess = 3;
        var decisions = await h.Ingest(Harness.Event("s", "c1", "sign_up", h.Now));
        Assert.Equal(TriggerOutcome.RetryScheduled, Assert.Single(decisions).Outcome);
        await h.Advance(TimeSpan.FromMinutes(5));
        var offsets = h.Sink.Attempts.Select(a => (a.At - Harness.Start).TotalSeconds).ToArray();
        Assert.Equal([0, 1, 3, 7], offsets);
        Assert.Equal([1, 2, 3, 4], h.Sink.Attempts.Select(a => a.Firing.Attempt));
        Assert.All(h.Sink.Attempts, a => Assert.Equal("t|c1|event:s", a.Firing.IdempotencyKey));
        Assert.Single(h.Sink.Delivered);
        Assert.Empty(h.Scheduler.DeadLetters.List());
        Assert.Equal(0, h.Store.Count);
    }

    [Fact]
    public async Task After_the_last_attempt_the_firing_is_dead_lettered()
    {
        var h = new Harness(o =>
        {
            o.Delivery = new DeliveryOptions { MaxAttempts = 3 };
            o.Add(Trigger.OnEvent("t", "sign_up"));
        });
        h.Sink.FailuresBeforeSuccess = int.MaxValue;
        await h.Ingest(Harness.Event("s", "c1", "sign_up", h.Now));
        await h.Advance(TimeSpan.FromHours(1));
        Assert.Equal(3, h.Sink.Attempts.Count);
        var letter = Assert.Single(h.Scheduler.DeadLetters.List());
        Assert.Equal(3, letter.Firing.Attempt);
        Assert.Contains("sink down (attempt 3)", letter.Error);
        Assert.Equal(0, h.Store.Count);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(10, 60)]
    public void Backoff_doubles_up_to_the_maximum(int attempt, int expectedSeconds)
    {
        var options = new DeliveryOptions { InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromMinutes(1) };
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), options.BackoffAfter(attempt));
    }

    [Fact]
    public async Task A_crash_during_delivery_leaves_a_lease_that_a_restarted_scheduler_retries_with_the_same_key()
    {
        var h = new Harness(o => o.Add(Trigger.OnEvent("t", "sign_up")));
        using var crash = new CancellationTokenSource();
        var crashing = new CrashingSink(crash);
        var first = new TriggerScheduler(h.Options, crashing, h.Store, h.Consent, timeProvider: h.Time);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await first.OnEventAsync(Harness.Event("s", "c1", "sign_up", h.Now), cancellationToken: crash.Token));
        Assert.Equal(1, h.Store.Count);

        var sink = new RecordingSink(h.Time);
        var restarted = h.Restart(sink);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await restarted.AdvanceAsync();
        var firing = Assert.Single(sink.Delivered);
        Assert.Equal(("t|c1|event:s", 2), (firing.IdempotencyKey, firing.Attempt));
    }

    private sealed class CrashingSink(CancellationTokenSource crash) : ITriggerSink
    {
        public ValueTask DeliverAsync(TriggerFiring firing, CancellationToken cancellationToken)
        {
            crash.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.CompletedTask;
        }
    }
}
