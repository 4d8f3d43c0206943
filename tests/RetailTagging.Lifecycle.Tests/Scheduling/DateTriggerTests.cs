using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Lifecycle.Tests.Support;

namespace RetailTagging.Lifecycle.Tests.Scheduling;

public sealed class DateTriggerTests
{
    private static readonly DateTriggerSource BirthdayMinus3 = new("birth_date", -3, new TimeOnly(10, 0));

    private static DateTimeOffset Local(int y, int m, int d, int hour = 10) =>
        new DateTimeOffset(y, m, d, hour, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    [Theory]
    [InlineData("1990-03-15", "2026-03-12")]   // plain
    [InlineData("1990-03-02", "2026-02-27")]   // across a month end (non-leap February)
    [InlineData("1990-03-02", "2028-02-28", 2028)] // across a month end in a leap year
    [InlineData("1990-01-02", "2026-12-30")]   // 2026's occurrence (30 Dec 2025) has passed: across the year end for 2027
    [InlineData("1992-02-29", "2027-02-25", 2027)] // 29 Feb -> 28 Feb in a non-leap year, minus 3 days
    [InlineData("1992-02-29", "2028-02-26", 2028)] // 29 Feb in a leap year
    public void Birthday_minus_3_days_at_10_local(string birth, string expectedLocalDate, int fromYear = 2026)
    {
        var after = Local(fromYear, 1, 1, 0);
        var (at, _) = DateOccurrences.Next(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), BirthdayMinus3, Harness.Beijing, after);
        var expected = DateOnly.Parse(expectedLocalDate, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Local(expected.Year, expected.Month, expected.Day), at);
    }

    [Fact]
    public void A_january_birthday_fires_in_the_previous_december_and_belongs_to_the_birthday_year()
    {
        var (at, year) = DateOccurrences.Next(new DateOnly(1985, 1, 1), BirthdayMinus3, Harness.Beijing, Local(2026, 6, 1));
        Assert.Equal(Local(2026, 12, 29), at);
        Assert.Equal(2027, year);
    }

    [Fact]
    public async Task A_birthday_offer_fires_at_10_local_and_sets_next_years_timer()
    {
        var h = new Harness(o =>
        {
            o.TimeZone = Harness.Beijing;
            o.QuietHours = new QuietHours(new TimeOnly(21, 0), new TimeOnly(9, 0));
            o.Add(Playbooks.BirthdayOffer());
        });
        var customer = new Customer("c1") { BirthDate = new DateOnly(1992, 2, 29) };
        var scheduled = h.Scheduler.ScheduleDates(customer);
        Assert.Equal(Local(2027, 2, 25), Assert.Single(scheduled).At);
        await h.Advance(Local(2027, 2, 25) - h.Now);
        var firing = Assert.Single(h.Sink.Delivered);
        Assert.Equal("birthday_offer|c1|date:birth_date:2027", firing.IdempotencyKey);
        Assert.Equal(Local(2027, 2, 25), h.Sink.Attempts[0].At);
        var next = Assert.Single(h.Store.ForCustomer("c1"));
        Assert.Equal(Local(2028, 2, 26), next.DueAt);
        // Upserting the customer again does not re-arm the occurrence that already fired.
        Assert.Equal(Local(2028, 2, 26), Assert.Single(h.Scheduler.ScheduleDates(customer)).At);
        Assert.Single(h.Store.ForCustomer("c1"));
    }

    [Fact]
    public async Task Changing_or_clearing_the_birth_date_moves_or_removes_the_timer()
    {
        var h = new Harness(o => o.Add(Playbooks.BirthdayOffer()));
        h.Scheduler.ScheduleDates(new Customer("c1") { BirthDate = new DateOnly(1990, 5, 10) });
        h.Scheduler.ScheduleDates(new Customer("c1") { BirthDate = new DateOnly(1990, 6, 10) });
        Assert.Equal(new DateTimeOffset(2026, 6, 7, 10, 0, 0, TimeSpan.Zero), Assert.Single(h.Store.ForCustomer("c1")).DueAt);
        h.Scheduler.ScheduleDates(new Customer("c1"));
        Assert.Empty(h.Store.ForCustomer("c1"));
        await h.Advance(TimeSpan.FromDays(400));
        Assert.Empty(h.Sink.Delivered);
    }

    [Property(MaxTest = 300)]
    public Property Occurrences_are_the_anniversary_plus_offset_at_the_local_time_and_strictly_after(int daySeed, int yearSeed, int offsetSeed)
    {
        var birth = new DateOnly(1960, 1, 1).AddDays(Math.Abs(daySeed % 20000));
        var offset = offsetSeed % 30;
        var source = new DateTriggerSource("birth_date", offset, new TimeOnly(10, 0));
        var after = Local(2000 + Math.Abs(yearSeed % 60), 1, 1).AddHours(Math.Abs(daySeed % 8760));
        var (at, year) = DateOccurrences.Next(birth, source, Harness.Beijing, after);
        var local = at.ToOffset(TimeSpan.FromHours(8));
        var anniversary = DateOccurrences.Anniversary(birth, year);
        var expectedDay = birth is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year) ? 28 : birth.Day;
        var previous = DateOccurrences.Anniversary(birth, year - 1).AddDays(offset);
        return (at > after
                && DateOnly.FromDateTime(local.DateTime) == anniversary.AddDays(offset)
                && local.TimeOfDay == TimeSpan.FromHours(10)
                && anniversary.Month == birth.Month && anniversary.Day == expectedDay
                // The one before is not after `after` (no occurrence skipped).
                && new DateTimeOffset(previous.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)) <= after)
            .Label($"birth {birth}, offset {offset}, after {after:O} -> {at:O} ({year})");
    }
}
