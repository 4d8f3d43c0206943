namespace RetailTagging.Identity;

/// <summary>Normalises a source record and derives the values its rule keys, blocking keys, comparisons and guards use.</summary>
/// <remarks>
/// Runs once per record on every core during bulk loads, so it avoids LINQ and per-field allocations: each
/// distinct field (<see cref="CompiledOptions.Fields"/>) is read once, and the arrays of values are shared by
/// the comparisons, conflict guards and keys that use the field (they are never modified).
/// </remarks>
internal sealed class RecordPreparer(CompiledOptions options)
{
    private static readonly Comparison<(string Type, string Value)> ByTypeThenValue =
        (a, b) => a.Type != b.Type ? string.CompareOrdinal(a.Type, b.Type) : string.CompareOrdinal(a.Value, b.Value);

    [ThreadStatic]
    private static List<(string Type, string Value)>? t_identifiers;

    public PreparedRecord Prepare(SourceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        // Scratch reused per thread (preparation runs on every core): only the exact-size result is allocated.
        var identifiers = t_identifiers ??= [];
        identifiers.Clear();
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
            prepared.LimitValues[t] = values[options.LimitSlots[t]];
        }

        prepared.FieldValues = values; // keys are derived from them when the record is indexed (KeyInterner)
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
}
