namespace RetailTagging.Engine;

/// <summary>
/// Duplicate event ids count once, in batch as in incremental mode. Histories rarely hold
/// duplicates, so the common case returns the same list after one pass over a reused set.
/// </summary>
internal static class DistinctEvents
{
    [ThreadStatic] private static HashSet<string>? t_seen;

    public static IReadOnlyList<CustomerEvent> Of(IReadOnlyList<CustomerEvent> events)
    {
        if (events.Count < 2) return events;
        var seen = t_seen ??= new HashSet<string>(StringComparer.Ordinal);
        seen.Clear();
        for (var i = 0; i < events.Count; i++)
        {
            if (seen.Add(events[i].Id)) continue;
            // The first occurrence of each id wins.
            var distinct = new List<CustomerEvent>(events.Count);
            seen.Clear();
            foreach (var e in events) if (seen.Add(e.Id)) distinct.Add(e);
            return distinct;
        }
        return events;
    }
}
