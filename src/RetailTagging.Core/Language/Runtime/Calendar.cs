namespace RetailTagging.Language.Runtime;

/// <summary>
/// Calendar arithmetic in the business time zone. Shared by the compiler and the interpreter, so
/// the two can only disagree about plumbing, never about what a birthday is.
/// </summary>
internal static class Calendar
{
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>Midnight of <paramref name="date"/> in <paramref name="zone"/>; a midnight skipped by a DST change moves to the first valid hour.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static DateTimeOffset? StartOfDay(DateOnly? date, EvaluationFrame frame) =>
        date is { } d ? StartOfDay(d, frame.Zone) : null;

    public static decimal? DaysSince(DateOnly? date, EvaluationFrame frame) =>
        date is { } d ? frame.AsOfDate.DayNumber - d.DayNumber : null;

    public static decimal? DaysSince(DateTimeOffset? instant, EvaluationFrame frame) =>
        instant is { } i ? frame.AsOfDate.DayNumber - frame.LocalDates.Of(i, frame.Zone).DayNumber : null;

    /// <summary>The birthday in <paramref name="year"/>; 29 February falls on 28 February in other years.</summary>
    public static DateOnly BirthdayIn(DateOnly birthDate, int year) =>
        birthDate is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year) ? new DateOnly(year, 2, 28) : new DateOnly(year, birthDate.Month, birthDate.Day);

    public static decimal? DaysUntilBirthday(DateOnly? birthDate, EvaluationFrame frame)
    {
        if (birthDate is not { } birth) return null;
        var today = frame.AsOfDate;
        var next = BirthdayIn(birth, today.Year);
        if (next < today) next = BirthdayIn(birth, today.Year + 1);
        return next.DayNumber - today.DayNumber;
    }

    /// <summary>Completed years at the as-of date; null for a birth date after it.</summary>
    public static decimal? AgeYears(DateOnly? birthDate, EvaluationFrame frame)
    {
        // The hot path of attribute rules: compare (month, day) pairs, with the as-of date's
        // parts cached on the frame, instead of building dates.
        if (birthDate is not { } birth || birth > frame.AsOfDate) return null;
        birth.Deconstruct(out var year, out var month, out var day);
        if (month == 2 && day == 29 && !DateTime.IsLeapYear(frame.AsOfYear)) day = 28;
        var years = frame.AsOfYear - year;
        if (frame.AsOfMonth < month || (frame.AsOfMonth == month && frame.AsOfDay < day)) years--;
        return years;
    }

    public static decimal? AgeYears(DateOnly? birthDate, DateOnly today)
    {
        if (birthDate is not { } birth || birth > today) return null;
        var years = today.Year - birth.Year;
        if (today < BirthdayIn(birth, today.Year)) years--;
        return years;
    }

    public static decimal? DayOfWeek(DateOnly? date) =>
        date is { } d ? d.DayOfWeek == System.DayOfWeek.Sunday ? 7 : (int)d.DayOfWeek : null;

    public static decimal? DayOfWeek(DateTimeOffset? instant, EvaluationFrame frame) =>
        instant is { } i ? DayOfWeek(frame.LocalDates.Of(i, frame.Zone)) : null;

    public static decimal? HourOfDay(DateTimeOffset? instant, EvaluationFrame frame) =>
        instant is { } i ? TimeZoneInfo.ConvertTime(i, frame.Zone).Hour : null;
}
