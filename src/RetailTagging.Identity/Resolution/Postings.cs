namespace RetailTagging.Identity;

/// <summary>
/// The records sharing one key or block, in the order they were indexed. Most keys belong to one record, so
/// the first is kept inline and a list is only made when a second record arrives: a million unique keys cost
/// no list at all.
/// </summary>
internal struct Postings
{
    private int _first;
    private List<int>? _more;

    /// <summary>How many records share the key.</summary>
    public readonly int Count => _more?.Count ?? 1;

    /// <summary>The record indexed first.</summary>
    public readonly int First => _more is { } more ? more[0] : _first;

    /// <summary>The record at a position (0 = first indexed).</summary>
    public readonly int this[int position] => _more is { } more ? more[position] : position == 0 ? _first : throw new ArgumentOutOfRangeException(nameof(position));

    /// <summary>Postings holding one record.</summary>
    public static Postings Of(int index) => new() { _first = index };

    /// <summary>Appends a record.</summary>
    public void Add(int index) => (_more ??= [_first]).Add(index);

    /// <summary>Removes a record; false when it was the only one (the caller then drops the key).</summary>
    public bool Remove(int index)
    {
        if (_more is null)
        {
            return _first != index;
        }
        _more.Remove(index);
        return _more.Count > 0;
    }
}
