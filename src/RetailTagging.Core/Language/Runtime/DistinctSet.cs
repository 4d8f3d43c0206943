namespace RetailTagging.Language.Runtime;

/// <summary>
/// The set behind a distinct count: open addressing over arrays that are kept and cleared between
/// customers, strings hashed directly (<see cref="string.GetHashCode()"/>, randomised per process,
/// so crafted values cannot force collisions) and compared by reference before by content. A
/// <see cref="HashSet{T}"/> of <see cref="Value"/> spent most of a distinct count in the generic
/// comparer, copying the 40-byte value for every hash and equality call.
/// </summary>
internal sealed class DistinctSet
{
    private const int InitialCapacity = 16;

    // _marks[i] is 0 for an empty slot, otherwise the item's hash with the low bit set (a cheap
    // filter before the full comparison).
    private int[] _marks = new int[InitialCapacity];
    private Value[] _items = new Value[InitialCapacity];

    /// <summary>Number of distinct values held.</summary>
    public int Count { get; private set; }

    /// <summary>Empties the set, keeping its arrays.</summary>
    public void Clear()
    {
        if (Count == 0) return;
        Array.Clear(_marks);
        // Releases the strings of the previous customer too.
        Array.Clear(_items);
        Count = 0;
    }

    /// <summary>Adds a non-null value.</summary>
    public void Add(Value value) => Add(value, Mark(value));

    /// <summary>Adds every value of <paramref name="other"/>.</summary>
    public void UnionWith(DistinctSet other)
    {
        var marks = other._marks;
        for (var i = 0; i < marks.Length; i++)
            if (marks[i] != 0) Add(other._items[i], marks[i]);
    }

    private static int Mark(in Value value) =>
        (value.Kind == TypeKind.String ? value.AsString!.GetHashCode() : value.GetHashCode()) | 1;

    private void Add(in Value value, int mark)
    {
        var mask = _marks.Length - 1;
        for (var i = mark & mask; ; i = (i + 1) & mask)
        {
            var existing = _marks[i];
            if (existing == 0)
            {
                _marks[i] = mark;
                _items[i] = value;
                // Keep at most half the slots used, so probes stay short.
                if (++Count * 2 > _marks.Length) Grow();
                return;
            }
            if (existing == mark && Same(_items[i], value)) return;
        }
    }

    private static bool Same(in Value a, in Value b) =>
        a.Kind == TypeKind.String && b.Kind == TypeKind.String
            ? ReferenceEquals(a.AsString, b.AsString) || string.Equals(a.AsString, b.AsString, StringComparison.Ordinal)
            : a.Equals(b);

    private void Grow()
    {
        var marks = _marks;
        var items = _items;
        _marks = new int[marks.Length * 2];
        _items = new Value[items.Length * 2];
        Count = 0;
        for (var i = 0; i < marks.Length; i++)
            if (marks[i] != 0) Add(items[i], marks[i]);
    }
}
