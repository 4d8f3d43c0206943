using RetailTagging.Catalog;
using RetailTagging.Language;

namespace RetailTagging.Engine.State;

/// <summary>
/// The tags one customer holds, encoded compactly against the catalog that produced them: per held
/// tag its index, source and indexes into a table of the customer's distinct instants and of its
/// non-<c>true</c> values. Most held tags are yes/no tags assigned at one of a handful of instants,
/// so a held tag costs 12 bytes instead of a <see cref="TagAssignment"/> and a dictionary entry
/// (about 150 bytes). The tag name and rule version come from the catalog. Immutable.
/// </summary>
internal sealed class HeldTags
{
    /// <summary>Marks "no index": no expiry, or the value <c>true</c>.</summary>
    internal const ushort None = ushort.MaxValue;

    internal readonly record struct Entry(int Tag, ushort AssignedAt, ushort ExpiresAt, ushort Value, TagSource Source);

    private static readonly Value True = Value.FromBool(true);

    private readonly Entry[] _entries;
    private readonly DateTimeOffset[] _instants;
    private readonly Value[] _values;

    internal HeldTags(CompiledCatalog catalog, Entry[] entries, DateTimeOffset[] instants, Value[] values)
    {
        Catalog = catalog;
        _entries = entries;
        _instants = instants;
        _values = values;
    }

    /// <summary>The catalog whose tag indexes the entries hold.</summary>
    public CompiledCatalog Catalog { get; }

    /// <summary>Number of held tags.</summary>
    public int Count => _entries.Length;

    /// <summary>The catalog index of the k-th held tag (ascending in k).</summary>
    public int TagAt(int k) => _entries[k].Tag;

    public Value ValueAt(int k) => _entries[k].Value == None ? True : _values[_entries[k].Value];

    public DateTimeOffset AssignedAt(int k) => _instants[_entries[k].AssignedAt];

    public DateTimeOffset? ExpiresAt(int k) => _entries[k].ExpiresAt == None ? null : _instants[_entries[k].ExpiresAt];

    public TagSource SourceAt(int k) => _entries[k].Source;

    /// <summary>The position of catalog tag <paramref name="tag"/> among the held tags, or a negative number.</summary>
    public int Find(int tag)
    {
        int lo = 0, hi = _entries.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var at = _entries[mid].Tag;
            if (at == tag) return mid;
            if (at < tag) lo = mid + 1;
            else hi = mid - 1;
        }
        return -1;
    }

    /// <summary>The k-th held tag as a public assignment object.</summary>
    public TagAssignment Materialize(int k)
    {
        var definition = Catalog.Tags[_entries[k].Tag];
        return new TagAssignment(definition.Name, ValueAt(k), AssignedAt(k), ExpiresAt(k), SourceAt(k), definition.Version);
    }

    /// <summary>Approximate bytes this object and its arrays occupy on a 64-bit runtime (for docs and tests).</summary>
    internal long ApproximateBytes => 40 + (24 + 12L * _entries.Length) + (24 + 16L * _instants.Length) + (24 + 40L * _values.Length);
}
