namespace RetailTagging.Language;

/// <summary>How expressions and catalogs are compiled.</summary>
public sealed record CompilationOptions
{
    /// <summary>The defaults: built-in schema, UTC business time zone, default limits.</summary>
    public static CompilationOptions Default { get; } = new();

    /// <summary>The names expressions may use; catalog declarations extend it.</summary>
    public TagSchema Schema { get; init; } = TagSchema.Default;

    /// <summary>
    /// The business time zone for calendar functions (days_since, birthdays, hour_of_day) and for
    /// widening dates to instants. A catalog's <c>timezone</c> declaration overrides it.
    /// </summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Size, nesting and cost limits.</summary>
    public LanguageLimits Limits { get; init; } = LanguageLimits.Default;
}
