namespace RetailTagging.Language.Binding;

/// <summary>The closed set of functions. Nothing outside this list is callable from an expression.</summary>
internal enum BuiltinFunction
{
    Contains,
    StartsWith,
    EndsWith,
    Lower,
    Upper,
    Length,
    Now,
    DaysSince,
    DaysUntilBirthday,
    AgeYears,
    DayOfWeek,
    HourOfDay,
    Abs,
    Round,
    Min,
    Max,
    Coalesce,
}
