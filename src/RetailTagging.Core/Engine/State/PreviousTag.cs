using RetailTagging.Catalog;
using RetailTagging.Language;

namespace RetailTagging.Engine.State;

/// <summary>
/// A tag as the previous set held it, read by catalog index: straight from the compact encoding when
/// the set came from the same catalog, otherwise by name (a set loaded from a store, or produced by an
/// older version of the catalog).
/// </summary>
/// <param name="Value">The value held.</param>
/// <param name="Source">Where it came from.</param>
/// <param name="AssignedAt">When the value was first seen.</param>
/// <param name="ExpiresAt">When it lapses, if its rule no longer holds.</param>
/// <param name="Object">The assignment object, when the set already had one (never created here).</param>
internal readonly record struct PreviousTag(Value Value, TagSource Source, DateTimeOffset AssignedAt, DateTimeOffset? ExpiresAt, TagAssignment? Object)
{
    public static PreviousTag? Find(TagSet? previous, CompiledCatalog catalog, int tag)
    {
        if (previous is null) return null;
        if (previous.Held is { } held && ReferenceEquals(held.Catalog, catalog))
        {
            var k = held.Find(tag);
            return k < 0 ? null : new PreviousTag(held.ValueAt(k), held.SourceAt(k), held.AssignedAt(k), held.ExpiresAt(k), previous.MaterializedAt(k));
        }
        return previous.TryGetValue(catalog.Tags[tag].Name, out var before)
            ? new PreviousTag(before.Value, before.Source, before.AssignedAt, before.ExpiresAt, before)
            : null;
    }
}
