namespace RetailTagging.Identity;

/// <summary>Normalises a source record and derives its rule keys, blocking keys and limited values.</summary>
internal sealed class RecordPreparer(CompiledOptions options)
{
    // Cartesian products of multi-valued fields are capped: a record with many phones and many
    // names is itself suspicious, and its first combinations suffice to link it.
    private const int MaxKeysPerRule = 16;
    private const char Separator = '\u001F';

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
            var type = raw.Type.Trim().ToLowerInvariant();
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
        identifiers.Sort((a, b) => a.Type != b.Type ? string.CompareOrdinal(a.Type, b.Type) : string.CompareOrdinal(a.Value, b.Value));
        var ids = new List<(string Type, string Value)>(identifiers.Count);
        foreach (var id in identifiers)
        {
            if (ids.Count == 0 || ids[^1] != id)
            {
                ids.Add(id);
            }
        }

        var folded = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in record.Attributes)
        {
            if (TextFolding.Fold(name, value) is { } f)
            {
                folded[name] = f;
            }
        }

        // "王女士" says the gender even when the source has no gender field.
        if (!folded.ContainsKey(AttributeNames.Gender) && record.Attributes.GetValueOrDefault(AttributeNames.Name) is { } rawName
            && TextFolding.GenderFromHonorific(rawName) is { } inferred)
        {
            folded[AttributeNames.Gender] = inferred;
        }

        var prepared = new PreparedRecord
        {
            Source = record,
            Priority = options.PriorityOf(record),
            AnchorTicks = (record.CreatedAt ?? record.UpdatedAt)?.UtcTicks ?? long.MaxValue,
            Identifiers = [.. ids],
            Issues = issues?.ToArray() ?? [],
            Folded = folded,
            LimitValues = new string[]?[options.LimitedTypes.Length],
            ConflictValues = new string[]?[options.ConflictFields.Length],
            CompareValues = new string[]?[options.Comparisons.Length],
        };
        for (var c = 0; c < options.Comparisons.Length; c++)
        {
            prepared.CompareValues[c] = prepared.ValueArray(options.Comparisons[c].Field);
        }
        for (var f = 0; f < options.ConflictFields.Length; f++)
        {
            prepared.ConflictValues[f] = prepared.ValueArray(options.ConflictFields[f]);
        }
        for (var t = 0; t < options.LimitedTypes.Length; t++)
        {
            var type = options.LimitedTypes[t];
            List<string>? values = null;
            foreach (var (idType, value) in ids)
            {
                if (idType == type)
                {
                    (values ??= []).Add(value);
                }
            }
            prepared.LimitValues[t] = values?.ToArray();
        }

        var keys = new List<string>();
        var keyRules = new List<int>();
        foreach (var rule in options.Rules)
        {
            foreach (var key in Combine(prepared, rule.Name, rule.Fields))
            {
                keys.Add(key);
                keyRules.Add(rule.Index);
            }
        }
        var blocks = new List<string>();
        if (options.FuzzyEnabled)
        {
            foreach (var block in options.BlockingKeys)
            {
                blocks.AddRange(Combine(prepared, block.Text, block.Fields));
            }
        }
        prepared.Keys = [.. keys];
        prepared.KeyRules = [.. keyRules];
        prepared.BlockKeys = blocks.Count < 2 ? [.. blocks] : [.. blocks.Distinct()];
        return prepared;
    }

    private static IEnumerable<string> Combine(PreparedRecord record, string name, FieldSpec[] fields)
    {
        // The usual case, one value per field, builds one string and nothing else.
        string[]?[]? all = null;
        var single = true;
        for (var f = 0; f < fields.Length; f++)
        {
            var values = record.ValueArray(fields[f]);
            if (values is null)
            {
                return [];
            }
            (all ??= new string[]?[fields.Length])[f] = values;
            single &= values.Length == 1;
        }
        if (single)
        {
            var sb = new System.Text.StringBuilder(name);
            foreach (var values in all!)
            {
                sb.Append(Separator).Append(values![0]);
            }
            return [sb.ToString()];
        }
        var partial = new List<string> { name };
        foreach (var values in all!)
        {
            var next = new List<string>();
            foreach (var value in values!)
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
        return partial.Distinct();
    }
}
