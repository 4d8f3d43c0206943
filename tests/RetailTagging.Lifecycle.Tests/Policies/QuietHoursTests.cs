using RetailTagging.Lifecycle.Tests.Support;

namespace RetailTagging.Lifecycle.Tests.Policies;

public sealed class QuietHoursTests
{
    private static readonly QuietHours Night = new(new TimeOnly(21, 0), new TimeOnly(9, 0));

    private static Harness Create(TriggerDefinition trigger) => new(o =>
    {
        o.TimeZone = Harness.Beijing;
        o.QuietHours = Night;
        o.Add(trigger);
    });

    [Fact]
    public async Task A_firing_decided_in_quiet_hours_is_deferred_to_their_end_not_dropped()
    {
        var h = Create(Trigger.OnEvent("welcome", "sign_up"));
        // 14:30 UTC is 22:30 in UTC+8: quiet until 09:00 local = 01:00 UTC the next day.
        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero));
        var decisions = await h.Ingest(Harness.Event("s1", "c1", "sign_up", h.Now));
        var deferred = Assert.Single(decisions);
        Assert.Equal(TriggerOutcome.Deferred, deferred.Outcome);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 1, 0, 0, TimeSpan.Zero), deferred.At);
        await h.Advance(TimeSpan.FromHours(10) + TimeSpan.FromMinutes(29));
        Assert.Empty(h.Sink.Delivered);
        await h.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(h.Sink.Delivered);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 1, 0, 0, TimeSpan.Zero), h.Sink.Attempts[0].At);
    }

    [Fact]
    public async Task A_delayed_firing_falling_due_after_midnight_waits_for_the_morning()
    {
        var h = Create(Playbooks.AbandonedCart());
        // 23:50 local; due 00:20 local, still quiet.
        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 15, 50, 0, TimeSpan.Zero));
        await h.Ingest(Harness.Event("a1", "c1", "cart_add", h.Now));
        await h.Advance(TimeSpan.FromHours(2));
        Assert.Empty(h.Sink.Delivered);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 1, 0, 0, TimeSpan.Zero), h.Scheduler.NextDueAt);
        await h.Advance(TimeSpan.FromHours(8));
        Assert.Single(h.Sink.Delivered);
    }

    [Fact]
    public async Task A_checkout_during_the_deferral_still_cancels_the_nudge()
    {
        var h = Create(Playbooks.AbandonedCart());
        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 12, 45, 0, TimeSpan.Zero)); // 20:45 local
        await h.Ingest(Harness.Event("a1", "c1", "cart_add", h.Now));
        await h.Advance(TimeSpan.FromMinutes(30)); // due 21:15 local: deferred
        var decisions = await h.Ingest(Harness.Event("k1", "c1", "checkout", h.Now - TimeSpan.FromMinutes(1)));
        Assert.Equal(TriggerOutcome.Cancelled, Assert.Single(decisions).Outcome);
        await h.Advance(TimeSpan.FromHours(14));
        Assert.Empty(h.Sink.Delivered);
    }

    [Fact]
    public async Task Service_actions_ignore_quiet_hours()
    {
        var h = Create(Playbooks.ComplaintCallBack());
        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 16, 0, 0, TimeSpan.Zero)); // midnight local
        await h.Ingest(Harness.Event("x1", "c1", "complaint", h.Now));
        var firing = Assert.Single(h.Sink.Delivered);
        Assert.Equal(TriggerChannel.Call, firing.Channel);
        Assert.Equal("PT2H", firing.Properties["due_within"]);
    }

    [Theory]
    [InlineData(12, 59, null)]
    [InlineData(13, 0, "2026-03-03T01:00:00Z")]   // 21:00 local: quiet starts (inclusive)
    [InlineData(16, 0, "2026-03-03T01:00:00Z")]   // 00:00 local
    [InlineData(0, 59, "2026-03-02T01:00:00Z")]   // 08:59 local
    [InlineData(1, 0, null)]                      // 09:00 local: quiet ends (exclusive)
    public void End_of_quiet_period_wraps_past_midnight(int utcHour, int minute, string? expected)
    {
        var at = new DateTimeOffset(2026, 3, 2, utcHour, minute, 0, TimeSpan.Zero);
        var end = Night.EndOfQuietPeriod(at, Harness.Beijing);
        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), end);
    }

    [Fact]
    public void Daytime_quiet_hours_do_not_wrap_and_equal_bounds_mean_none()
    {
        var lunch = new QuietHours(new TimeOnly(12, 0), new TimeOnly(13, 0));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 13, 0, 0, TimeSpan.Zero), lunch.EndOfQuietPeriod(new DateTimeOffset(2026, 3, 2, 12, 30, 0, TimeSpan.Zero), TimeZoneInfo.Utc));
        Assert.Null(lunch.EndOfQuietPeriod(new DateTimeOffset(2026, 3, 2, 13, 30, 0, TimeSpan.Zero), TimeZoneInfo.Utc));
        Assert.Null(new QuietHours(new TimeOnly(9, 0), new TimeOnly(9, 0)).EndOfQuietPeriod(Harness.Start, TimeZoneInfo.Utc));
    }
}
