namespace RetailTagging.Lifecycle;

/// <summary>Yearly occurrences of a date trigger.</summary>
internal static class DateOccurrences
{
    /// <summary>The anniversary of <paramref name="date"/> in <paramref name="year"/>; 29 February is 28 February in non-leap years.</summary>
    public static DateOnly Anniversary(DateOnly date, int year) =>
        date is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year) ? new DateOnly(year, 2, 28) : new DateOnly(year, date.Month, date.Day);

    /// <summary>The first occurrence strictly after <paramref name="after"/>, with the anniversary year it belongs to.</summary>
    public static (DateTimeOffset At, int Year) Next(DateOnly date, DateTriggerSource source, TimeZoneInfo zone, DateTimeOffset after)
    {
        var start = BusinessTime.ToLocal(after, zone).Year - 1;
        for (var year = Math.Max(start, date.Year); year <= start + 3; year++)
        {
            if (year > DateOnly.MaxValue.Year - 1) break;
            var day = Anniversary(date, year).AddDays(source.OffsetDays);
            var at = BusinessTime.ToInstant(day, source.LocalTime, zone);
            if (at > after) return (at, year);
        }
        throw new ArgumentOutOfRangeException(nameof(after), after, "No anniversary occurrence follows this instant.");
    }
}
