using RetailTagging.Catalog;
using RetailTagging.Language;

namespace RetailTagging.Engine.State;

/// <summary>
/// Collects one evaluation's held tags, in ascending tag order, into a <see cref="HeldTags"/>.
/// Reused per thread (an evaluation never nests), so building allocates only the final arrays.
/// </summary>
internal sealed class HeldTagsBuilder
{
    [ThreadStatic] private static HeldTagsBuilder? t_current;

    private readonly List<HeldTags.Entry> _entries = [];
    private readonly List<DateTimeOffset> _instants = [];
    private readonly List<decimal> _numbers = [];
    private readonly List<string> _strings = [];
    private readonly List<Value> _others = [];

    /// <summary>This thread's builder, emptied.</summary>
    public static HeldTagsBuilder ForThisThread()
    {
        var builder = t_current ??= new HeldTagsBuilder();
        builder._entries.Clear();
        builder._instants.Clear();
        builder._numbers.Clear();
        builder._strings.Clear();
        builder._others.Clear();
        return builder;
    }

    /// <summary>Number of tags added so far.</summary>
    public int Count => _entries.Count;

    /// <summary>Adds a held tag; tags must come in ascending index order.</summary>
    public void Add(int tag, Value value, DateTimeOffset assignedAt, DateTimeOffset? expiresAt, TagSource source)
    {
        var (slot, index) = value switch
        {
            { IsTrue: true } => (HeldTags.ValueSlot.True, (ushort)0),
            { AsNumber: { } number } => (HeldTags.ValueSlot.Number, Append(_numbers, number)),
            { AsString: { } text } => (HeldTags.ValueSlot.String, Append(_strings, text)),
            _ => (HeldTags.ValueSlot.Other, Append(_others, value)),
        };
        var expires = expiresAt is { } e ? InstantIndex(e) : HeldTags.None;
        _entries.Add(new HeldTags.Entry(tag, InstantIndex(assignedAt), expires, index, slot, (byte)source));
    }

    public HeldTags Build(CompiledCatalog catalog) => new(catalog, Copy(_entries), Copy(_instants), Copy(_numbers), Copy(_strings), Copy(_others));

    // An empty table is the shared empty array: most customers have no string or other values.
    private static T[] Copy<T>(List<T> table) => table.Count == 0 ? [] : [.. table];

    /// <summary>
    /// The index of an instant in the table, added when new. Instants are kept exactly (ticks and
    /// offset): a customer's held tags share a handful of them, so a linear search is the cheapest.
    /// </summary>
    private ushort InstantIndex(DateTimeOffset instant)
    {
        for (var i = 0; i < _instants.Count; i++)
            if (_instants[i].EqualsExact(instant)) return (ushort)i;
        return Append(_instants, instant);
    }

    private static ushort Append<T>(List<T> table, T item)
    {
        var index = Next(table.Count);
        table.Add(item);
        return index;
    }

    private static ushort Next(int count) =>
        // None marks "no index"; a customer would need over 32,000 held tags to reach it.
        count < HeldTags.None ? (ushort)count
            : throw new NotSupportedException("A customer holds more distinct tag values or instants than the compact tag state can index (65,534).");
}
