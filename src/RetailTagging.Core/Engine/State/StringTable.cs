using System.Collections.Concurrent;

namespace RetailTagging.Engine.State;

/// <summary>
/// One incremental tagger's interned event strings (types, channels, stores, SKUs, categories,
/// brands): a logged event holds a 4-byte id per field and the table one copy of each distinct
/// string, however many events repeat it. Grows with the distinct values seen (a retailer's
/// assortment and store list), not with events. Thread-safe; id 0 is null.
/// </summary>
internal sealed class StringTable
{
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    // Written under the gate before the id is published, and replaced whole when grown, so a reader
    // holding an id always finds its string.
    private volatile string?[] _strings = new string?[64];
    private int _count = 1;

    /// <summary>The id of <paramref name="text"/>, added when new; 0 for null.</summary>
    public int Id(string? text)
    {
        if (text is null) return 0;
        if (_ids.TryGetValue(text, out var id)) return id;
        lock (_gate)
        {
            if (_ids.TryGetValue(text, out id)) return id;
            var strings = _strings;
            if (_count == strings.Length)
            {
                Array.Resize(ref strings, strings.Length * 2);
                _strings = strings;
            }
            strings[_count] = text;
            id = _count++;
            _ids[text] = id;
            return id;
        }
    }

    /// <summary>The string of an id this table gave out; null for 0.</summary>
    public string? this[int id] => _strings[id];
}
