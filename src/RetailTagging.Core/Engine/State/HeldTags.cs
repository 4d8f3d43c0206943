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
    /// <summary>Marks "no index": no expiry.</summary>
    internal const ushort None = ushort.MaxValue;

    /// <summary>Where an entry's value is kept: <c>true</c> needs no slot; numbers and strings have typed tables.</summary>
    internal enum ValueSlot : byte { True, Number, String, Other }

    /// <summary>One held tag; <see cref="Value"/> indexes the table <see cref="Slot"/> names.</summary>
    internal readonly record struct Entry(int Tag, ushort AssignedAt, ushort ExpiresAt, ushort Value, ValueSlot Slot, byte Source);

    private static readonly Value True = Value.FromBool(true);

    private readonly Entry[] _entries;
    private readonly DateTimeOffset[] _instants;
    // Valued tags are most held tags on a retail catalog (spend, counts, tiers): a number kept as a
    // decimal takes 16 bytes and a string a reference, where a Value takes 40.
    private readonly decimal[] _numbers;
    private readonly string[] _strings;
    private readonly Value[] _others;

    internal HeldTags(CompiledCatalog catalog, Entry[] entries, DateTimeOffset[] instants, decimal[] numbers, string[] strings, Value[] others)
    {
        Catalog = catalog;
        _entries = entries;
        _instants = instants;
        _numbers = numbers;
        _strings = strings;
        _others = others;
    }

    /// <summary>The catalog whose tag indexes the entries hold.</summary>
    public CompiledCatalog Catalog { get; }

    /// <summary>Number of held tags.</summary>
    public int Count => _entries.Length;

    /// <summary>The catalog index of the k-th held tag (ascending in k).</summary>
    public int TagAt(int k) => _entries[k].Tag;

    public Value ValueAt(int k)
    {
        var entry = _entries[k];
        return entry.Slot switch
        {
            ValueSlot.True => True,
            ValueSlot.Number => Value.FromNumber(_numbers[entry.Value]),
            ValueSlot.String => Value.FromString(_strings[entry.Value]),
            _ => _others[entry.Value],
        };
    }

    public DateTimeOffset AssignedAt(int k) => _instants[_entries[k].AssignedAt];

    public DateTimeOffset? ExpiresAt(int k) => _entries[k].ExpiresAt == None ? null : _instants[_entries[k].ExpiresAt];

    public TagSource SourceAt(int k) => (TagSource)_entries[k].Source;

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
    internal long ApproximateBytes =>
        56 + (24 + 12L * _entries.Length) + (24 + 16L * _instants.Length) + (24 + 16L * _numbers.Length) + (24 + 8L * _strings.Length) + (24 + 40L * _others.Length);
}
