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
            var values = prepared.Values(options.Comparisons[c].Field).Distinct().ToArray();
            prepared.CompareValues[c] = values.Length == 0 ? null : values;
        }
        for (var f = 0; f < options.ConflictFields.Length; f++)
        {
            var values = prepared.Values(options.ConflictFields[f]).Distinct().ToArray();
            prepared.ConflictValues[f] = values.Length == 0 ? null : values;
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
        var partial = new List<string> { name };
        foreach (var field in fields)
        {
            var next = new List<string>();
            foreach (var value in record.Values(field))
            {
                foreach (var prefix in partial)
                {
                    if (next.Count < MaxKeysPerRule)
                    {
                        next.Add(prefix + Separator + value);
                    }
                }
            }
            if (next.Count == 0)
            {
                return [];
            }
            partial = next;
        }
        return partial.Distinct();
    }
}
