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
        var ids = identifiers.Distinct().Order().ToArray();

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
            Identifiers = ids,
            Issues = issues?.ToArray() ?? [],
            Folded = folded,
            Keys = [],
            KeyRules = [],
            BlockKeys = [],
            LimitValues = new string[]?[options.LimitedTypes.Length],
            ConflictValues = new string[]?[options.ConflictFields.Length],
        };
        for (var f = 0; f < options.ConflictFields.Length; f++)
        {
            var values = prepared.Values(options.ConflictFields[f]).Distinct().ToArray();
            prepared.ConflictValues[f] = values.Length == 0 ? null : values;
        }
        for (var t = 0; t < options.LimitedTypes.Length; t++)
        {
            var type = options.LimitedTypes[t];
            var values = ids.Where(i => i.Type == type).Select(i => i.Value).ToArray();
            prepared.LimitValues[t] = values.Length == 0 ? null : values;
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
        return new PreparedRecord
        {
            Source = prepared.Source,
            Priority = prepared.Priority,
            AnchorTicks = prepared.AnchorTicks,
            Identifiers = prepared.Identifiers,
            Issues = prepared.Issues,
            Folded = prepared.Folded,
            Keys = [.. keys],
            KeyRules = [.. keyRules],
            BlockKeys = [.. blocks.Distinct()],
            LimitValues = prepared.LimitValues,
            ConflictValues = prepared.ConflictValues,
        };
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
