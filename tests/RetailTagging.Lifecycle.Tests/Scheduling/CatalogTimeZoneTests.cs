using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RetailTagging.Lifecycle.Tests.Support;

namespace RetailTagging.Lifecycle.Tests.Scheduling;

/// <summary>Triggers taken from a catalog run in the catalog's business time zone unless the host sets another.</summary>
public sealed class CatalogTimeZoneTests
{
    private const string CatalogText = """
        timezone "Asia/Shanghai"

        trigger birthday_offer "Birthday offer"
            on date birth_date - 3d at 10:00
            do send_birthday_offer via wechat
        """;

    private static readonly Customer BornMarch15 = new("c1") { BirthDate = new DateOnly(1990, 3, 15) };

    // 12 March 2026 10:00 in Shanghai (UTC+8) and in UTC.
    private static readonly DateTimeOffset TenInShanghai = new(2026, 3, 12, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset TenInUtc = new(2026, 3, 12, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Catalog_triggers_use_the_catalogs_time_zone_by_default()
    {
        var h = new Harness(o => o.UseCatalogTriggers(Catalogs.Compile(CatalogText)));
        Assert.Equal("Asia/Shanghai", h.Options.TimeZone.Id);
        Assert.Equal(TenInShanghai, Assert.Single(h.Scheduler.ScheduleDates(BornMarch15)).At);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_time_zone_the_host_sets_wins_whatever_the_order(bool setFirst)
    {
        var catalog = Catalogs.Compile(CatalogText);
        var h = new Harness(o =>
        {
            if (setFirst) o.TimeZone = TimeZoneInfo.Utc;
            o.UseCatalogTriggers(catalog);
            if (!setFirst) o.TimeZone = TimeZoneInfo.Utc;
        });
        Assert.Equal(TenInUtc, Assert.Single(h.Scheduler.ScheduleDates(BornMarch15)).At);
    }

    [Fact]
    public void Code_triggers_without_a_catalog_stay_in_utc()
    {
        var h = new Harness(o => o.Add(Playbooks.BirthdayOffer()));
        Assert.Same(TimeZoneInfo.Utc, h.Options.TimeZone);
        Assert.Equal(TenInUtc, Assert.Single(h.Scheduler.ScheduleDates(BornMarch15)).At);
    }

    [Fact]
    public async Task With_dependency_injection_the_registered_catalogs_time_zone_applies()
    {
        var time = new FakeTimeProvider(Harness.Start);
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<ITriggerSink>(new RecordingSink(time));
        services.AddRetailTagging(o => o.UseCatalogText(CatalogText, "tz.tags"))
            .AddLifecycleTriggers(o => o.UseCatalogTriggers());
        await using var provider = services.BuildServiceProvider();
        var scheduler = provider.GetRequiredService<TriggerScheduler>();
        Assert.Equal(TenInShanghai, Assert.Single(scheduler.ScheduleDates(BornMarch15)).At);
    }

    [Fact]
    public void The_time_zone_cannot_be_set_to_null()
    {
        Assert.Throws<ArgumentNullException>(() => new LifecycleOptions().TimeZone = null!);
    }
}
