using RetailTagging.Catalog;
using RetailTagging.Engine.State;
using RetailTagging.Language;

namespace RetailTagging.Engine;

/// <summary>Compares two tag sets of one customer into the changes between them.</summary>
public static class TagDiff
{
    /// <summary>
    /// The changes from <paramref name="previous"/> (null: nothing held) to <paramref name="current"/>,
    /// ordered by tag name. A tag that disappears past its expiry is <see cref="TagChangeKind.Expired"/>.
    /// </summary>
    public static IReadOnlyList<TagChange> Compare(TagSet? previous, TagSet current, CompiledCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (catalog is not null && current.Held is { } after && ReferenceEquals(after.Catalog, catalog)
            && (previous is null || previous.Held is { } compact && ReferenceEquals(compact.Catalog, catalog)))
            return Sorted(HeldTagsDiff.Compare(previous, current, catalog), catalog);
        var changes = new List<TagChange>(previous is null ? current.Count : 4);
        var at = current.AsOf;
        foreach (var assignment in current.Values)
        {
            if (previous is null || !previous.TryGetValue(assignment.Tag, out var before))
                changes.Add(Change(assignment.Tag, TagChangeKind.Added, Value.Null, assignment.Value, assignment, Reason(assignment)));
            else if (!before.Value.Equals(assignment.Value))
                changes.Add(Change(assignment.Tag, TagChangeKind.ValueChanged, before.Value, assignment.Value, assignment, Reason(assignment)));
        }
        if (previous is not null)
        {
            foreach (var before in previous.Values)
            {
                if (current.ContainsKey(before.Tag)) continue;
                var definition = catalog?.FindTag(before.Tag);
                var expired = Lapsed(before.Source, before.ExpiresAt, definition, at);
                var version = definition?.Version ?? before.RuleVersion;
                var reason = RemovalReason(expired, before.Source,
                    catalog is not null && definition is null ? "tag removed from the catalog"
                    : version != before.RuleVersion ? $"rule version changed ({before.RuleVersion} -> {version})"
                    : null);
                changes.Add(Change(before.Tag, expired ? TagChangeKind.Expired : TagChangeKind.Removed, before.Value, Value.Null, before with { RuleVersion = version }, reason));
            }
        }
        return Sorted(changes, catalog);

        TagChange Change(string tag, TagChangeKind kind, Value oldValue, Value newValue, TagAssignment source, string reason) =>
            new(current.CustomerId, tag, kind, oldValue, newValue, at, source.Source, source.RuleVersion, reason);
    }

    /// <summary>A TTL tag that is gone has lapsed, even if the previous set saw its rule still holding.</summary>
    internal static bool Lapsed(TagSource source, DateTimeOffset? expiresAt, TagDefinition? definition, DateTimeOffset at) =>
        source != TagSource.Manual && (expiresAt is { } expiry && expiry <= at || definition?.TimeToLive is not null);

    /// <summary>Why a held tag went: a lapse, a catalog change (<paramref name="catalogReason"/>), or its source.</summary>
    internal static string RemovalReason(bool expired, TagSource source, string? catalogReason = null) =>
        expired ? "ttl lapsed"
        : catalogReason ?? (source == TagSource.Manual ? "manual decision withdrawn or superseded" : "rule no longer holds");

    private static List<TagChange> Sorted(List<TagChange> changes, CompiledCatalog? catalog)
    {
        if (catalog is null || !TrySortByNameRank(changes, catalog)) changes.Sort((a, b) => string.CompareOrdinal(a.Tag, b.Tag));
        return changes;
    }

    [ThreadStatic] private static TagChange?[]? t_byRank;

    /// <summary>
    /// Orders changes by tag name through the catalog's precomputed name ranks: a pass over a slot per
    /// catalog tag instead of a comparison sort of strings (the sort was a tenth of a batch
    /// evaluation). False, leaving the list as it was, when a tag is not in the catalog.
    /// </summary>
    private static bool TrySortByNameRank(List<TagChange> changes, CompiledCatalog catalog)
    {
        if (changes.Count < 2) return true;
        var slots = t_byRank is { } reused && reused.Length >= catalog.Tags.Count ? reused : t_byRank = new TagChange?[catalog.Tags.Count];
        var placed = 0;
        for (; placed < changes.Count; placed++)
        {
            var rank = catalog.NameRankOf(changes[placed].Tag);
            if (rank < 0 || slots[rank] is not null) break;
            slots[rank] = changes[placed];
        }
        if (placed < changes.Count)
        {
            Array.Clear(slots, 0, catalog.Tags.Count);
            return false;
        }
        var next = 0;
        for (var rank = 0; rank < catalog.Tags.Count; rank++)
        {
            if (slots[rank] is not { } change) continue;
            changes[next++] = change;
            slots[rank] = null;
        }
        return true;
    }

    private static string Reason(TagAssignment assignment) => Reason(assignment.Source);

    internal static string Reason(TagSource source) => source switch
    {
        TagSource.Manual => "manual decision",
        TagSource.Model => "model score rule",
        _ => "rule",
    };
}
