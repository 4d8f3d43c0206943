using RetailTagging.Catalog;
using RetailTagging.Language;

namespace RetailTagging.Engine.State;

/// <summary>
/// The changes between two compact tag sets of one catalog, found by walking both in tag order: no
/// assignment object is created, and an evaluation that changed nothing costs one pass over the
/// held tags. Gives the same changes as <see cref="TagDiff.Compare"/> does on the materialized sets
/// (both carry the catalog's rule versions, so no change is a version change).
/// </summary>
internal static class HeldTagsDiff
{
    /// <summary>The changes (from nothing when <paramref name="previous"/> is null), in tag index order (the caller sorts them by name).</summary>
    public static List<TagChange> Compare(TagSet? previous, TagSet current, CompiledCatalog catalog)
    {
        var before = previous?.Held ?? Empty(catalog);
        var after = current.Held!;
        var changes = new List<TagChange>(previous is null ? after.Count : 4);
        int p = 0, c = 0;
        while (p < before.Count || c < after.Count)
        {
            var pTag = p < before.Count ? before.TagAt(p) : int.MaxValue;
            var cTag = c < after.Count ? after.TagAt(c) : int.MaxValue;
            if (cTag < pTag)
            {
                changes.Add(Change(current, catalog, cTag, TagChangeKind.Added, Value.Null, after.ValueAt(c), after.SourceAt(c), TagDiff.Reason(after.SourceAt(c))));
                c++;
            }
            else if (pTag < cTag)
            {
                changes.Add(Removal(before, p, current, catalog));
                p++;
            }
            else
            {
                if (!before.ValueAt(p).Equals(after.ValueAt(c)))
                    changes.Add(Change(current, catalog, cTag, TagChangeKind.ValueChanged, before.ValueAt(p), after.ValueAt(c), after.SourceAt(c), TagDiff.Reason(after.SourceAt(c))));
                p++;
                c++;
            }
        }
        return changes;
    }

    private static HeldTags Empty(CompiledCatalog catalog) => new(catalog, [], [], [], [], []);

    private static TagChange Removal(HeldTags before, int p, TagSet current, CompiledCatalog catalog)
    {
        var tag = before.TagAt(p);
        var source = before.SourceAt(p);
        var expired = TagDiff.Lapsed(source, before.ExpiresAt(p), catalog.Tags[tag], current.AsOf);
        return Change(current, catalog, tag, expired ? TagChangeKind.Expired : TagChangeKind.Removed, before.ValueAt(p), Value.Null, source,
            TagDiff.RemovalReason(expired, source));
    }

    private static TagChange Change(TagSet current, CompiledCatalog catalog, int tag, TagChangeKind kind, Value oldValue, Value newValue, TagSource source, string reason) =>
        new(current.CustomerId, catalog.Tags[tag].Name, kind, oldValue, newValue, current.AsOf, source, catalog.Tags[tag].Version, reason);
}
