namespace RetailTagging.Language.Runtime;

/// <summary>
/// Remembers the last instant converted to a local date, with its zone. Time-zone conversion is the
/// costly part of <c>days_since</c> and <c>day_of_week</c> on instants, and the filters of one event
/// (<c>day_of_week(at) &lt;= 5</c>, <c>day_of_week(at) &gt;= 6</c>) convert the same instant in a row.
/// </summary>
internal sealed class LocalDateCache
{
    private long _utcTicks = long.MinValue;
    private TimeZoneInfo? _zone;
    private DateOnly _date;

    /// <summary>The date of <paramref name="instant"/> in <paramref name="zone"/>, as <see cref="Calendar.LocalDate"/> gives it.</summary>
    public DateOnly Of(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var ticks = instant.UtcTicks;
        if (ticks == _utcTicks && ReferenceEquals(zone, _zone)) return _date;
        _date = Calendar.LocalDate(instant, zone);
        _utcTicks = ticks;
        _zone = zone;
        return _date;
    }
}
