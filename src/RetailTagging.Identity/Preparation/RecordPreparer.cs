namespace RetailTagging.Identity;

/// <summary>Normalises a source record and derives its rule keys, blocking keys and limited values.</summary>
/// <remarks>
/// Runs once per record on every core during bulk loads, so it avoids LINQ and per-field allocations: each
/// distinct field (<see cref="CompiledOptions.Fields"/>) is read once, and the arrays of values are shared by
/// the comparisons, conflict guards and keys that use the field (they are never modified).
/// </remarks>
internal sealed class RecordPreparer(CompiledOptions options)
{
    // Cartesian products of multi-valued fields are capped: a record with many phones and many
    // names is itself suspicious, and its first combinations suffice to link it.
    private const int MaxKeysPerRule = 16;
    private const char Separator = '\u001F';

    private static readonly Comparison<(string Type, string Value)> ByTypeThenValue =
        (a, b) => a.Type != b.Type ? string.CompareOrdinal(a.Type, b.Type) : string.CompareOrdinal(a.Value, b.Value);

    public PreparedRecord Prepare(SourceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var identifiers = new List<(string Type, string Value)>(record.Identifiers.Count);
        List<IdentifierIssue>? issues = null;
        foreach (var raw in record.Identifiers)
        {
            if (string.IsNullOrWhiteSpace(raw.Type))
            {
                (issues ??= []).Add(new IdentifierIssue(record.Id, raw.Type ?? "", raw.Value ?? "", "identifier type is empty", false));
                continue;
            }
            if (string.IsNullOrWhiteSpace(raw.Value))
            {
                continue; // An empty cell is absence, not an error.
            }
            var type = TypeName(raw.Type);
            var normalized = options.GetNormalizer(type).Normalize(raw.Value);
            if (!normalized.IsValid)
            {
                (issues ??= []).Add(new IdentifierIssue(record.Id, type, raw.Value, normalized.Reason!, false));
            }
            else if (options.BlockReason(type, normalized.Value!) is { } reason)
            {
                (issues ??= []).Add(new IdentifierIssue(record.Id, type, raw.Value, reason, true));
            }
            else
            {
                identifiers.Add((type, normalized.Value!));
            }
        }
        if (identifiers.Count > 1)
        {
            identifiers.Sort(ByTypeThenValue);
        }
        var ids = new (string Type, string Value)[identifiers.Count];
        var distinct = 0;
        foreach (var id in identifiers)
        {
            if (distinct == 0 || ids[distinct - 1] != id)
            {
                ids[distinct++] = id;
            }
        }
        if (distinct < ids.Length)
        {
            Array.Resize(ref ids, distinct);
        }

        var prepared = new PreparedRecord
        {
            Source = record,
            Priority = options.PriorityOf(record),
            AnchorTicks = (record.CreatedAt ?? record.UpdatedAt)?.UtcTicks ?? long.MaxValue,
            Identifiers = ids,
            Issues = issues?.ToArray() ?? [],
            Folded = Fold(record),
            LimitValues = new string[]?[options.LimitedTypes.Length],
            ConflictValues = new string[]?[options.ConflictFields.Length],
            CompareValues = new string[]?[options.Comparisons.Length],
        };

        // Each distinct field once; the arrays are shared (read-only) by everything that uses the field.
        var fields = options.Fields;
        var values = new string[]?[fields.Length];
        for (var f = 0; f < fields.Length; f++)
        {
            values[f] = prepared.ValueArray(fields[f]);
        }
        for (var c = 0; c < options.ComparisonSlots.Length; c++)
        {
            prepared.CompareValues[c] = values[options.ComparisonSlots[c]];
        }
        for (var f = 0; f < options.ConflictSlots.Length; f++)
        {
            prepared.ConflictValues[f] = values[options.ConflictSlots[f]];
        }
        for (var t = 0; t < options.LimitedTypes.Length; t++)
        {
            prepared.LimitValues[t] = ValuesOfType(ids, options.LimitedTypes[t]);
        }

        List<string>? keys = null;
        List<int>? keyRules = null;
        foreach (var rule in options.Rules)
        {
            var before = keys?.Count ?? 0;
            Combine(rule.Name, rule.FieldSlots, values, ref keys);
            for (var k = before; k < (keys?.Count ?? 0); k++)
            {
                (keyRules ??= []).Add(rule.Index);
            }
        }
        List<string>? blocks = null;
        if (options.FuzzyEnabled)
        {
            foreach (var block in options.BlockingKeys)
            {
                Combine(block.Text, block.FieldSlots, values, ref blocks);
            }
        }
        prepared.Keys = keys?.ToArray() ?? [];
        prepared.KeyRules = keyRules?.ToArray() ?? [];
        prepared.BlockKeys = blocks is null ? [] : blocks.Count < 2 ? [.. blocks] : DistinctInOrder(blocks);
        return prepared;
    }

    /// <summary>Identifier type names are usually already trimmed and lower-case: no new string then.</summary>
    private static string TypeName(string raw)
    {
        foreach (var c in raw)
        {
            if (c is < 'a' or > 'z' && c != '_' && !char.IsAsciiDigit(c))
            {
                return raw.Trim().ToLowerInvariant();
            }
        }
        return raw;
    }

    private static KeyValuePair<string, string>[] Fold(SourceRecord record)
    {
        var attributes = record.Attributes;
        if (attributes.Count == 0)
        {
            return [];
        }
        var folded = new KeyValuePair<string, string>[attributes.Count + 1];
        var count = 0;
        var hasGender = false;
        foreach (var (name, value) in attributes)
        {
            if (TextFolding.Fold(name, value) is { } f)
            {
                folded[count++] = new(name, f);
                hasGender |= name == AttributeNames.Gender;
            }
        }
        // "王女士" says the gender even when the source has no gender field.
        if (!hasGender && attributes.GetValueOrDefault(AttributeNames.Name) is { } rawName
            && TextFolding.GenderFromHonorific(rawName) is { } inferred)
        {
            folded[count++] = new(AttributeNames.Gender, inferred);
        }
        if (count < folded.Length)
        {
            Array.Resize(ref folded, count);
        }
        return folded;
    }

    private static string[]? ValuesOfType((string Type, string Value)[] ids, string type)
    {
        var count = 0;
        foreach (var (idType, _) in ids)
        {
            if (idType == type)
            {
                count++;
            }
        }
        if (count == 0)
        {
            return null;
        }
        var values = new string[count];
        var at = 0;
        foreach (var (idType, value) in ids)
        {
            if (idType == type)
            {
                values[at++] = value;
            }
        }
        return values;
    }

    private static string[] DistinctInOrder(List<string> items)
    {
        var result = new List<string>(items.Count);
        foreach (var item in items)
        {
            if (!result.Contains(item))
            {
                result.Add(item);
            }
        }
        return [.. result];
    }

    /// <summary>Appends the keys <c>name␟value1␟value2…</c> of every combination of the fields' values (distinct, capped).</summary>
    private static void Combine(string name, int[] slots, string[]?[] values, ref List<string>? output)
    {
        var single = true;
        var length = name.Length;
        foreach (var slot in slots)
        {
            if (values[slot] is not { } v)
            {
                return;
            }
            if (v.Length == 1)
            {
                length += 1 + v[0].Length;
            }
            else
            {
                single = false;
            }
        }
        output ??= [];
        if (single)
        {
            // The usual case, one value per field, builds one string and nothing else.
            output.Add(string.Create(length, (name, slots, values), static (span, state) =>
            {
                state.name.CopyTo(span);
                var at = state.name.Length;
                foreach (var slot in state.slots)
                {
                    span[at++] = Separator;
                    var value = state.values[slot]![0];
                    value.CopyTo(span[at..]);
                    at += value.Length;
                }
            }));
            return;
        }
        var partial = new List<string> { name };
        foreach (var slot in slots)
        {
            var next = new List<string>();
            foreach (var value in values[slot]!)
            {
                foreach (var prefix in partial)
                {
                    if (next.Count < MaxKeysPerRule)
                    {
                        next.Add(prefix + Separator + value);
                    }
                }
            }
            partial = next;
        }
        foreach (var key in DistinctInOrder(partial))
        {
            output.Add(key);
        }
    }
}
