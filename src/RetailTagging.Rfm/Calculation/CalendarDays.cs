namespace RetailTagging.Rfm.Calculation;

/// <summary>Maps instants to calendar day numbers (<see cref="DateOnly.DayNumber"/>) in a business time zone.</summary>
internal sealed class CalendarDays
{
    private readonly TimeZoneInfo _zone;
    private readonly long? _fixedOffsetTicks;

    public CalendarDays(TimeZoneInfo zone)
    {
        _zone = zone;
        // Zones without daylight saving have one offset: a tick shift instead of a conversion per event.
        _fixedOffsetTicks = zone.SupportsDaylightSavingTime ? null : zone.BaseUtcOffset.Ticks;
    }

    public int DayNumber(DateTimeOffset instant)
    {
        var localTicks = _fixedOffsetTicks is { } offset
            ? instant.UtcTicks + offset
            : TimeZoneInfo.ConvertTime(instant, _zone).DateTime.Ticks;
        return (int)(localTicks / TimeSpan.TicksPerDay);
    }

    public DateOnly Date(DateTimeOffset instant) => DateOnly.FromDayNumber(DayNumber(instant));
}
