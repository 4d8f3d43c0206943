namespace RetailTagging.Identity;

/// <summary>A source record with normalised identifiers and the keys it links and blocks by.</summary>
internal sealed class PreparedRecord
{
    public required SourceRecord Source { get; init; }
    public string Id => Source.Id;
    public required int Priority { get; init; }

    /// <summary>Orders records oldest first; the oldest record of a customer names it.</summary>
    public required long AnchorTicks { get; init; }

    /// <summary>Valid, unblocked identifiers, distinct, sorted by (type, value).</summary>
    public required (string Type, string Value)[] Identifiers { get; init; }
    public required IdentifierIssue[] Issues { get; init; }

    /// <summary>Attribute values folded for comparison, by attribute name (a handful: a short array beats a hash table).</summary>
    public required KeyValuePair<string, string>[] Folded { get; init; }

    /// <summary>Per distinct field (same order as <see cref="CompiledOptions.Fields"/>), the record's values or null; dropped once the keys are assigned.</summary>
    public string[]?[]? FieldValues { get; set; }

    /// <summary>Deterministic rule keys (<see cref="KeyInterner"/> ids) and the rule index of each.</summary>
    public int[] Keys { get; set; } = [];
    public int[] KeyRules { get; set; } = [];

    /// <summary>Blocking keys (<see cref="KeyInterner"/> ids), distinct.</summary>
    public int[] BlockKeys { get; set; } = [];

    /// <summary>Per limited type (same order as <see cref="CompiledOptions.LimitedTypes"/>), the record's values or null.</summary>
    public required string[]?[] LimitValues { get; init; }

    /// <summary>Per conflict field (same order as <see cref="CompiledOptions.ConflictFields"/>), the record's values or null.</summary>
    public required string[]?[] ConflictValues { get; init; }

    /// <summary>Per fuzzy comparison (same order as <see cref="CompiledOptions.Comparisons"/>), the values compared, or null.</summary>
    public required string[]?[] CompareValues { get; init; }

    /// <summary>Global index in the graph; -1 until indexed.</summary>
    public int Index { get; set; } = -1;

    /// <summary>Scratch slot for the cluster engine (records of one component are resolved by one thread).</summary>
    public int Local { get; set; } = -1;

    /// <summary>Fuzzy partners scoring at least the review threshold (index, score).</summary>
    public List<(int Other, double Score)>? Partners { get; set; }

    /// <summary>The distinct values of a field, or null when the record has none (no iterator, no set).</summary>
    public string[]? ValueArray(FieldSpec field)
    {
        if (!field.IsIdentifier)
        {
            return FoldedValue(field.Name) is { } folded && field.Cut(folded) is { } one ? [one] : null;
        }
        // One exact-size array, no list: identifiers are distinct and sorted, but cut values may repeat.
        var count = 0;
        foreach (var (type, _) in Identifiers)
        {
            if (type == field.Name)
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
        foreach (var (type, value) in Identifiers)
        {
            if (type == field.Name && field.Cut(value) is { } cut && Array.IndexOf(values, cut, 0, at) < 0)
            {
                values[at++] = cut;
            }
        }
        return at == 0 ? null : at == count ? values : values[..at];
    }

    public IEnumerable<string> Values(FieldSpec field)
    {
        if (field.IsIdentifier)
        {
            foreach (var (type, value) in Identifiers)
            {
                if (type == field.Name && field.Cut(value) is { } cut)
                {
                    yield return cut;
                }
            }
        }
        else if (FoldedValue(field.Name) is { } folded && field.Cut(folded) is { } cut)
        {
            yield return cut;
        }
    }

    /// <summary>The folded value of an attribute, or null.</summary>
    public string? FoldedValue(string name)
    {
        foreach (var (key, value) in Folded)
        {
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return value;
            }
        }
        return null;
    }

    public static int CompareAnchor(PreparedRecord a, PreparedRecord b)
    {
        var c = a.AnchorTicks.CompareTo(b.AnchorTicks);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    }
}
