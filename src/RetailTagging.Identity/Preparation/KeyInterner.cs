namespace RetailTagging.Identity;

/// <summary>
/// Gives every rule key and blocking key (<c>name␟value1␟value2…</c>) an exact <see cref="int"/> id without
/// building its string: field values are interned once (one id per distinct string), and a key is its name
/// and value ids interned in a <see cref="KeyIndex"/> (one for rule keys, one for blocking keys), which also
/// holds the records posted under each key. Equal keys get equal ids and different keys different ids (no
/// hashing of the text, so no collision to check), and <see cref="RuleText"/> rebuilds a key's text only when
/// the cluster engine needs it (shared keys, merge reasons). Ids depend on arrival order; nothing orders by
/// them, so results do not.
/// </summary>
/// <remarks>
/// Not thread-safe for writers: <see cref="AssignKeys"/> runs in the graph's single-threaded indexing step;
/// the rest may be called from several threads while nothing is assigned. Interned values and keys are never
/// removed (a replaced record's keys stay), so memory grows with the distinct keys ever seen.
/// </remarks>
internal sealed class KeyInterner(CompiledOptions options)
{
    // Cartesian products of multi-valued fields are capped: a record with many phones and many
    // names is itself suspicious, and its first combinations suffice to link it.
    private const int MaxKeysPerRule = 16;
    private const char Separator = '\u001F';

    private readonly Dictionary<string, int> _valueIds = new(StringComparer.Ordinal);
    private readonly List<string> _values = [""]; // ids are 1-based: 0 means "no value" in a key
    private readonly List<int> _scratch = [];
    private readonly List<int> _combination = [];

    /// <summary>The rule keys and the records sharing each.</summary>
    public KeyIndex Rules { get; } = new();

    /// <summary>The blocking keys and the records in each block.</summary>
    public KeyIndex Blocks { get; } = new();

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
            Combine(Rules, rule.Name, rule.FieldSlots, values, keys);
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
                Combine(Blocks, block.Text, block.FieldSlots, values, keys);
            }
        }
        record.BlockKeys = keys.Count == 0 ? [] : DistinctInOrder(keys);
        record.FieldValues = null; // the ids say all the indexes need; the strings live on in the intern table
    }

    /// <summary>A rule key's text, <c>name␟value1␟value2…</c>, exactly as it would have been built as a string.</summary>
    public string RuleText(int key)
    {
        var parts = new List<string>(4);
        Collect(Rules, key, parts);
        return string.Join(Separator, parts);
    }

    private void Collect(KeyIndex index, int key, List<string> parts)
    {
        var (prefix, a, b) = index.Parts(key);
        if ((prefix & KeyIndex.PrefixFlag) != 0)
        {
            Collect(index, (int)(prefix & ~KeyIndex.PrefixFlag), parts);
        }
        else
        {
            parts.Add(_values[(int)prefix]);
        }
        parts.Add(_values[a]);
        if (b != 0)
        {
            parts.Add(_values[b]);
        }
    }

    /// <summary>Appends the ids of the keys of every combination of the fields' values (distinct, capped).</summary>
    private void Combine(KeyIndex index, string name, int[] slots, string[]?[] values, List<int> output)
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
        var head = (uint)Value(name);
        var combination = _combination;
        if (single)
        {
            // The usual case, one value per field: nothing allocated once the values and the key are known.
            combination.Clear();
            foreach (var slot in slots)
            {
                combination.Add(Value(values[slot]![0]));
            }
            output.Add(Key(index, head, combination));
            return;
        }
        // In the order the key strings were built: each field's values, then each prefix so far, capped.
        var partial = new List<int[]> { Array.Empty<int>() };
        foreach (var slot in slots)
        {
            var next = new List<int[]>();
            foreach (var value in values[slot]!)
            {
                var id = Value(value);
                foreach (var prefix in partial)
                {
                    if (next.Count < MaxKeysPerRule)
                    {
                        next.Add([.. prefix, id]);
                    }
                }
            }
            partial = next;
        }
        var start = output.Count;
        foreach (var ids in partial)
        {
            combination.Clear();
            combination.AddRange(ids);
            var key = Key(index, head, combination);
            if (output.IndexOf(key, start) < 0)
            {
                output.Add(key);
            }
        }
    }

    /// <summary>Interns a name and its values two at a time: (name, v1, v2), then (that key, v3, v4), ….</summary>
    private static int Key(KeyIndex index, uint head, List<int> values)
    {
        var key = index.Intern(head, values[0], values.Count > 1 ? values[1] : 0);
        for (var i = 2; i < values.Count; i += 2)
        {
            key = index.Intern((uint)key | KeyIndex.PrefixFlag, values[i], i + 1 < values.Count ? values[i + 1] : 0);
        }
        return key;
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

    private int[] DistinctInOrder(List<int> items)
    {
        var result = _combination;
        result.Clear();
        foreach (var item in items)
        {
            if (!result.Contains(item))
            {
                result.Add(item);
            }
        }
        return [.. result];
    }
}
