namespace RetailTagging.Identity;

/// <summary>Builds the golden record of a cluster by per-attribute survivorship.</summary>
internal sealed class GoldenRecordBuilder(CompiledOptions options)
{
    private sealed record Candidate(PreparedRecord Record, string Value, string Folded)
    {
        public DateTimeOffset? Observed => Record.Source.UpdatedAt ?? Record.Source.CreatedAt;
    }

    public GoldenRecord Build(string customerId, IReadOnlyList<PreparedRecord> records)
    {
        var candidates = new SortedDictionary<string, List<Candidate>>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            foreach (var (name, value) in record.Source.Attributes)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    Add(name, new Candidate(record, value.Trim(), TextFolding.Fold(name, value) ?? value.Trim()));
                }
            }
            // The golden phone and e-mail come from the normalised identifiers.
            foreach (var (type, value) in record.Identifiers)
            {
                if (type is IdentifierTypes.Phone or IdentifierTypes.Email && !record.Source.Attributes.ContainsKey(type))
                {
                    Add(type, new Candidate(record, value, value));
                }
            }
        }

        var attributes = new Dictionary<string, SurvivingValue>(StringComparer.Ordinal);
        var conflicts = new List<AttributeConflict>();
        foreach (var (name, list) in candidates)
        {
            var rule = options.SurvivorshipFor(name);
            var winner = Pick(rule, list);
            var surviving = ToValue(winner, rule);
            attributes[name] = surviving;
            if (list.Select(c => c.Folded).Distinct(StringComparer.Ordinal).Skip(1).Any())
            {
                conflicts.Add(new AttributeConflict(name, list.OrderBy(c => c.Record.Id, StringComparer.Ordinal).Select(c => ToValue(c, rule)).ToArray(), surviving));
            }
        }
        var identifiers = records.SelectMany(r => r.Identifiers)
            .GroupBy(i => i.Type, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(i => i.Value).Distinct().Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        return new GoldenRecord(customerId, attributes, identifiers, conflicts);

        void Add(string name, Candidate c)
        {
            if (!candidates.TryGetValue(name, out var list))
            {
                candidates[name] = list = [];
            }
            list.Add(c);
        }
    }

    private static SurvivingValue ToValue(Candidate c, SurvivorshipRule rule) =>
        new(c.Value, c.Record.Id, c.Record.Source.Source, rule, c.Observed);

    private static Candidate Pick(SurvivorshipRule rule, List<Candidate> list)
    {
        // Every rule ends in the same total tie-break, so the winner never depends on record order.
        IOrderedEnumerable<Candidate> ordered = rule switch
        {
            SurvivorshipRule.SourcePriority => list.OrderByDescending(c => c.Record.Priority).ThenByDescending(c => c.Observed ?? DateTimeOffset.MinValue),
            SurvivorshipRule.FirstNonEmpty => list.OrderBy(c => c.Record.AnchorTicks).ThenByDescending(c => c.Record.Priority),
            SurvivorshipRule.MostFrequent => list.OrderByDescending(c => list.Count(o => o.Folded == c.Folded))
                .ThenByDescending(c => c.Observed ?? DateTimeOffset.MinValue).ThenByDescending(c => c.Record.Priority),
            _ => list.OrderByDescending(c => c.Observed ?? DateTimeOffset.MinValue).ThenByDescending(c => c.Record.Priority),
        };
        return ordered.ThenBy(c => c.Record.Id, StringComparer.Ordinal).ThenBy(c => c.Value, StringComparer.Ordinal).First();
    }
}
