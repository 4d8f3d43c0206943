namespace RetailTagging.Engine;

/// <summary>
/// An instant of a time-to-live replay and what can change there: <see cref="Groups"/> are the
/// replay's event-type groups (see <see cref="Catalog.ReplayPlan"/>) whose aggregates can change;
/// none means only the clock moved (a local midnight).
/// </summary>
internal readonly record struct ReplayInstant(DateTimeOffset Instant, ulong Groups)
{
    /// <summary>Only a local midnight: aggregates cannot change here, only rules that read the clock.</summary>
    public bool ClockOnly => Groups == 0;

    /// <summary>Orders by instant.</summary>
    public static readonly IComparer<ReplayInstant> ByInstant = Comparer<ReplayInstant>.Create((a, b) => a.Instant.CompareTo(b.Instant));
}
