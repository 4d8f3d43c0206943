namespace RetailTagging.Lifecycle;

/// <summary>Local business dates and times to instants, across DST changes.</summary>
internal static class BusinessTime
{
    /// <summary>
    /// The instant of <paramref name="date"/> at <paramref name="time"/> in <paramref name="zone"/>. A local
    /// time skipped by a DST jump moves forward by the jump; an ambiguous one takes its first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The local date and time of an instant.</summary>
    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone).DateTime;
}
