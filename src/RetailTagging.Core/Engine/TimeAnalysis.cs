using RetailTagging.Catalog;
using RetailTagging.Language.Runtime;

namespace RetailTagging.Engine;

/// <summary>
/// The instants at which a catalog's tags can change without new events: events becoming
/// visible, events sliding out of windows, local midnights for clock-reading rules. Used for
/// the time-to-live replay and for <see cref="TagEvaluation.NextChangeAt"/>.
/// </summary>
internal sealed class TimeAnalysis
{
    private readonly CompiledCatalog _catalog;
    private readonly Dictionary<string, TimeSpan[]> _windowsByType;
    private readonly HashSet<string> _typesRead;
    private readonly bool _readsClock;
    // By event type a TTL replay reads: its replay group and the windows the replay's tags put on it.
    private readonly Dictionary<string, (ulong Group, TimeSpan[] Windows)> _replayTypes;
    private readonly bool _replayReadsClock;

    public TimeAnalysis(CompiledCatalog catalog)
    {
        _catalog = catalog;
        var dependencies = catalog.Dependencies;
        _typesRead = [.. dependencies.SelectMany(d => d.EventTypes)];
        _windowsByType = dependencies.SelectMany(d => d.Windows)
            .GroupBy(w => w.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(w => w.Value).Distinct().ToArray(), StringComparer.Ordinal);
        _readsClock = dependencies.Any(d => d.ReadsClock);
        var replay = dependencies.Where((_, i) => catalog.ReplayTags[i]).ToList();
        var replayWindows = replay.SelectMany(d => d.Windows)
            .GroupBy(w => w.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(w => w.Value).Distinct().ToArray(), StringComparer.Ordinal);
        _replayTypes = replay.SelectMany(d => d.EventTypes).Distinct(StringComparer.Ordinal)
            .ToDictionary(type => type, type => (catalog.Replay.Bit(type) is var bit and not 0 ? bit : catalog.Replay.AllGroups, replayWindows.GetValueOrDefault(type) ?? []), StringComparer.Ordinal);
        _replayReadsClock = replay.Any(d => d.ReadsClock);
        var ttls = catalog.Tags.Select(t => t.TimeToLive ?? TimeSpan.Zero).ToArray();
        // A TTL tag's value at T depends on its rule at instants back to T - ttl, and that rule on
        // its references' values back to their own TTLs: the horizon adds TTLs along references.
        var horizon = new TimeSpan[ttls.Length];
        for (var i = 0; i < ttls.Length; i++)
            horizon[i] = ttls[i] + (dependencies[i].References.Count == 0 ? TimeSpan.Zero : dependencies[i].References.Max(r => horizon[r]));
        Horizon = horizon.Length == 0 ? TimeSpan.Zero : horizon.Max();
        HasTimeToLive = ttls.Any(t => t > TimeSpan.Zero);
        MaxWindow = _windowsByType.Values.SelectMany(w => w).DefaultIfEmpty(TimeSpan.Zero).Max();
        UnwindowedTypes = [.. catalog.UnwindowedEventTypes];
    }

    public TimeSpan Horizon { get; }
    public bool HasTimeToLive { get; }
    public TimeSpan MaxWindow { get; }

    /// <summary>Event types some aggregate reads with no window: all their events matter forever.</summary>
    public HashSet<string> UnwindowedTypes { get; }

    public bool Reads(string eventType) => _typesRead.Contains(eventType);

    /// <summary>
    /// Appends to <paramref name="into"/> the instants in (from, to) at which a TTL tag's rule (or a
    /// tag it references) could change, ascending and distinct, each with the replay groups whose
    /// aggregates can change there (none at an instant that is only a local midnight).
    /// </summary>
    public void ChangeInstants(IReadOnlyList<CustomerEvent> events, DateTimeOffset from, DateTimeOffset to, List<ReplayInstant> into)
    {
        var start = into.Count;
        foreach (var e in events)
        {
            if (!_replayTypes.TryGetValue(e.Type, out var type)) continue;
            Add(e.At, type.Group);
            foreach (var window in type.Windows) Add(e.At + window, type.Group);
        }
        if (_replayReadsClock)
            foreach (var midnight in Midnights(from, to)) Add(midnight, 0);
        // A list sorted once beats a sorted dictionary: a few dozen instants, no per-node allocation.
        into.Sort(start, into.Count - start, ReplayInstant.ByInstant);
        // One entry per instant, with the groups of every reason for it.
        var distinct = start;
        for (var i = start; i < into.Count; i++)
        {
            if (distinct > start && into[distinct - 1].Instant == into[i].Instant)
                into[distinct - 1] = into[distinct - 1] with { Groups = into[distinct - 1].Groups | into[i].Groups };
            else into[distinct++] = into[i];
        }
        into.RemoveRange(distinct, into.Count - distinct);

        void Add(DateTimeOffset instant, ulong groups)
        {
            if (instant > from && instant < to) into.Add(new ReplayInstant(instant, groups));
        }
    }

    /// <summary>The earliest instant after <paramref name="asOf"/> at which a tag could change with no new event.</summary>
    public DateTimeOffset? NextChange(IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, List<DateTimeOffset> expiries)
    {
        DateTimeOffset? next = null;
        foreach (var e in events)
        {
            if (!_typesRead.Contains(e.Type)) continue;
            Consider(e.At);
            if (_windowsByType.TryGetValue(e.Type, out var windows))
                foreach (var window in windows) Consider(e.At + window);
        }
        foreach (var expiry in expiries) Consider(expiry);
        if (_readsClock) Consider(NextMidnight(asOf));
        return next;

        void Consider(DateTimeOffset instant)
        {
            if (instant > asOf && (next is null || instant < next)) next = instant;
        }
    }

    private sealed record MidnightRange(DateOnly From, DateOnly To, DateTimeOffset[] Instants);

    // The last range of midnights computed: a batch evaluates every customer as of one instant, and
    // incremental ingestion stays within a day for many events, so the time-zone arithmetic of ~30
    // midnights per evaluation is done once per pair of local dates. Replaced whole, never mutated.
    private volatile MidnightRange? _midnights;

    /// <summary>The local midnights in (from, to), ascending.</summary>
    private ReadOnlySpan<DateTimeOffset> Midnights(DateTimeOffset from, DateTimeOffset to)
    {
        var zone = _catalog.TimeZone;
        var fromDate = Calendar.LocalDate(from, zone);
        var toDate = Calendar.LocalDate(to, zone);
        var range = _midnights;
        if (range is null || range.From != fromDate || range.To != toDate)
        {
            // The midnights after from and at or before to's local date: those of the days after from's.
            var instants = new List<DateTimeOffset>();
            for (var date = fromDate.AddDays(1); date <= toDate; date = date.AddDays(1)) instants.Add(Calendar.StartOfDay(date, zone));
            _midnights = range = new MidnightRange(fromDate, toDate, [.. instants]);
        }
        var midnights = range.Instants.AsSpan();
        // Only to itself can be a midnight of to's date; the interval is open there.
        return midnights.Length > 0 && midnights[^1] >= to ? midnights[..^1] : midnights;
    }

    private DateTimeOffset NextMidnight(DateTimeOffset instant) =>
        Calendar.StartOfDay(Calendar.LocalDate(instant, _catalog.TimeZone).AddDays(1), _catalog.TimeZone);
}
