namespace RetailTagging.Identity;

/// <summary>
/// Gives every rule key and blocking key (<c>name␟value1␟value2…</c>) an exact <see cref="int"/> id without
/// building its string: field values are interned once (one id per distinct string), and a key is the chain of
/// pairs (name, value1), (that pair, value2), … each interned in a table keyed by the two ids packed into a
/// <see cref="long"/>. Equal keys get equal ids and different keys different ids (no hashing, so no collision
/// to check), and <see cref="Text"/> rebuilds the string only when the cluster engine needs it (shared keys,
/// merge reasons). Ids depend on arrival order; nothing orders by them, so results do not.
/// </summary>
/// <remarks>
/// Not thread-safe for writers: <see cref="AssignKeys"/> runs in the graph's single-threaded indexing step;
/// <see cref="Text"/> may be called from several threads while nothing is assigned. Entries are never removed
/// (a replaced record's keys stay interned), so memory grows with the distinct keys ever seen.
/// </remarks>
internal sealed class KeyInterner(CompiledOptions options)
{
    // Cartesian products of multi-valued fields are capped: a record with many phones and many
    // names is itself suspicious, and its first combinations suffice to link it.
    private const int MaxKeysPerRule = 16;
    private const char Separator = '\u001F';
    // Set on the left half of a pair that is itself a pair (not a value), so (value 5, x) and (pair 5, x) differ.
    private const uint PairFlag = 0x8000_0000;

    private readonly Dictionary<string, int> _valueIds = new(StringComparer.Ordinal);
    private readonly List<string> _values = [];
    private readonly Dictionary<long, int> _pairIds = [];
    private readonly List<long> _pairs = [];
    private readonly List<int> _scratch = [];
    private readonly List<int> _next = [];

    /// <summary>Derives the record's rule keys (with their rules) and blocking keys from its field values.</summary>
    public void AssignKeys(PreparedRecord record)
    {
        var values = record.FieldValues ?? throw new InvalidOperationException("The record's keys were already assigned.");
        var keys = _scratch;
        keys.Clear();
        List<int>? keyRules = null;
        foreach (var rule in options.Rules)
        {
            var before = keys.Count;
            Combine(rule.Name, rule.FieldSlots, values, keys);
            for (var k = before; k < keys.Count; k++)
            {
                (keyRules ??= []).Add(rule.Index);
            }
        }
        record.Keys = keys.Count == 0 ? [] : [.. keys];
        record.KeyRules = keyRules is null ? [] : [.. keyRules];
        keys.Clear();
        if (options.FuzzyEnabled)
        {
            foreach (var block in options.BlockingKeys)
            {
                Combine(block.Text, block.FieldSlots, values, keys);
            }
        }
        record.BlockKeys = keys.Count == 0 ? [] : DistinctInOrder(keys, 0);
        record.FieldValues = null; // the ids say all the indexes need; the strings live on in the intern table
    }

    /// <summary>The key's text, <c>name␟value1␟value2…</c>, exactly as it would have been built as a string.</summary>
    public string Text(int key)
    {
        var parts = new List<string>(4);
        var at = (uint)key | PairFlag;
        while ((at & PairFlag) != 0)
        {
            var pair = _pairs[(int)(at & ~PairFlag)];
            parts.Add(_values[(int)(uint)pair]);
            at = (uint)(pair >> 32);
        }
        parts.Add(_values[(int)at]);
        parts.Reverse();
        return string.Join(Separator, parts);
    }

    /// <summary>Appends the ids of the keys of every combination of the fields' values (distinct, capped).</summary>
    private void Combine(string name, int[] slots, string[]?[] values, List<int> output)
    {
        var single = true;
        foreach (var slot in slots)
        {
            if (values[slot] is not { } v)
            {
                return;
            }
            single &= v.Length == 1;
        }
        var head = Value(name);
        if (single)
        {
            // The usual case, one value per field: one chain of pairs, nothing allocated once the key is known.
            var left = (uint)head;
            foreach (var slot in slots)
            {
                left = (uint)Pair(left, Value(values[slot]![0])) | PairFlag;
            }
            output.Add((int)(left & ~PairFlag));
            return;
        }
        var partial = new List<uint> { (uint)head };
        foreach (var slot in slots)
        {
            var next = new List<uint>();
            foreach (var value in values[slot]!)
            {
                var id = Value(value);
                foreach (var prefix in partial)
                {
                    if (next.Count < MaxKeysPerRule)
                    {
                        next.Add((uint)Pair(prefix, id) | PairFlag);
                    }
                }
            }
            partial = next;
        }
        var start = output.Count;
        foreach (var key in partial)
        {
            var id = (int)(key & ~PairFlag);
            if (output.IndexOf(id, start) < 0)
            {
                output.Add(id);
            }
        }
    }

    private int Value(string value)
    {
        ref var id = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_valueIds, value, out var exists);
        if (!exists)
        {
            id = _values.Count;
            _values.Add(value);
        }
        return id;
    }

    private int Pair(uint left, int right)
    {
        var packed = ((long)left << 32) | (uint)right;
        ref var id = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_pairIds, packed, out var exists);
        if (!exists)
        {
            id = _pairs.Count;
            _pairs.Add(packed);
        }
        return id;
    }

    private int[] DistinctInOrder(List<int> items, int start)
    {
        var result = _next;
        result.Clear();
        for (var i = start; i < items.Count; i++)
        {
            if (!result.Contains(items[i]))
            {
                result.Add(items[i]);
            }
        }
        return [.. result];
    }
}
