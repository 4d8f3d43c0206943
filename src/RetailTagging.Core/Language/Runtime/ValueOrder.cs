namespace RetailTagging.Language.Runtime;

/// <summary>Ordering of two non-null values of one ordered kind (strings ordinal).</summary>
internal static class ValueOrder
{
    public static int Compare(Value a, Value b) => a.Kind switch
    {
        TypeKind.Number => a.AsNumber!.Value.CompareTo(b.AsNumber!.Value),
        TypeKind.String => string.CompareOrdinal(a.AsString, b.AsString),
        TypeKind.Instant => a.AsInstant!.Value.UtcTicks.CompareTo(b.AsInstant!.Value.UtcTicks),
        TypeKind.Date => a.AsDate!.Value.CompareTo(b.AsDate!.Value),
        TypeKind.Duration => a.AsDuration!.Value.CompareTo(b.AsDuration!.Value),
        TypeKind.Bool => a.AsBool!.Value.CompareTo(b.AsBool!.Value),
        _ => 0,
    };

    /// <summary>The event order used by first/last: by instant, then by id so ties are deterministic.</summary>
    public static int CompareEvents(CustomerEvent a, CustomerEvent b)
    {
        var byTime = a.At.UtcTicks.CompareTo(b.At.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Id, b.Id);
    }

    /// <summary>Window membership: (asOf - window, asOf], and never after asOf.</summary>
    public static bool InWindow(CustomerEvent e, DateTimeOffset asOf, TimeSpan? window)
    {
        var at = e.At.UtcTicks;
        var now = asOf.UtcTicks;
        if (at > now) return false;
        return window is not { } w || at > now - w.Ticks;
    }
}
