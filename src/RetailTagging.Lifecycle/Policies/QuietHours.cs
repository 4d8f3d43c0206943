namespace RetailTagging.Lifecycle;

/// <summary>
/// Local hours in the business time zone when customers are not contacted: from
/// <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive), wrapping past midnight when
/// Start is later than End (21:00-09:00). A firing decided inside them is deferred to their end.
/// </summary>
/// <param name="Start">Local start time.</param>
/// <param name="End">Local end time; equal to Start means no quiet hours.</param>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    /// <summary>
    /// When <paramref name="instant"/> falls inside quiet hours, the instant they end; otherwise null.
    /// </summary>
    public DateTimeOffset? EndOfQuietPeriod(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (Start == End) return null;
        var local = BusinessTime.ToLocal(instant, zone);
        var time = TimeOnly.FromDateTime(local);
        var today = DateOnly.FromDateTime(local);
        if (Start < End)
            return time >= Start && time < End ? BusinessTime.ToInstant(today, End, zone) : null;
        if (time >= Start) return BusinessTime.ToInstant(today.AddDays(1), End, zone);
        if (time < End) return BusinessTime.ToInstant(today, End, zone);
        return null;
    }
}
