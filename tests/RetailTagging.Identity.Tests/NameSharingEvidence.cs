using RetailTagging.Identity;
using RetailTagging.Synthetic.Identity;

namespace RetailTagging.Identity.Tests;

/// <summary>
/// What the records can still tell about customers the resolver left apart although they share an exact
/// full name: every such pair of customers is put in a class by how many customers carry the name and
/// whether their pooled values (all records of each customer) agree, disagree or cannot be compared on
/// gender, city, birth date and phone. Counting true and false record pairs per class, with the labels,
/// gives the best any resolver could do with these fields: merging whole classes, cleanest first.
/// </summary>
internal static class NameSharingEvidence
{
    /// <summary>One class of customer pairs and the record pairs it would add if merged.</summary>
    public sealed record Class(string Key, long TruePairs, long FalsePairs)
    {
        public double Precision => (double)TruePairs / (TruePairs + FalsePairs);
    }

    /// <summary>The best F1 reachable by merging classes cleanest first, with and without a precision floor.</summary>
    public sealed record Bound(double F1, double Recall, double BestF1, IReadOnlyList<(Class Class, Labelled.Accuracy After)> Steps);

    private sealed record Pooled(List<LabelledIdentityRecord> Records, HashSet<string> Names, Dictionary<string, HashSet<string>> Fields);

    private static readonly (string Name, Func<LabelledIdentityRecord, IEnumerable<string?>> Values)[] Compared =
    [
        ("gender", r => [TextFolding.FoldGender(r.Attributes.GetValueOrDefault(AttributeNames.Gender))]),
        // Generous to the bound: 上海 and 上海市 count as the same city.
        ("city", r => [TextFolding.FoldText(r.Attributes.GetValueOrDefault(AttributeNames.City))?.TrimEnd('市')]),
        ("birth", r => [TextFolding.ParseDate(r.Attributes.GetValueOrDefault(AttributeNames.BirthDate))?.ToString("yyyy-MM-dd")]),
        ("phone", r => r.Identifiers.Where(i => i.Key == IdentifierTypes.Phone).Select(i => LastElevenDigits(i.Value))),
    ];

    /// <summary>Classes of customer pairs that share an exact full name, from the resolver's assignment.</summary>
    public static List<Class> Classify(IReadOnlyList<LabelledIdentityRecord> records, IReadOnlyDictionary<string, string> customerOf)
    {
        var customers = records.GroupBy(r => customerOf[r.RecordId]).ToDictionary(g => g.Key, g => Pool(g.ToList()));
        var byName = customers.SelectMany(c => c.Value.Names.Select(n => (Name: n, Customer: c.Key)))
            .GroupBy(x => x.Name, x => x.Customer)
            .Where(g => g.Count() > 1);
        var classes = new Dictionary<string, (long True, long False)>();
        var seen = new HashSet<(string, string)>();
        foreach (var group in byName)
        {
            var ids = group.Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < ids.Count; i++)
            {
                for (var j = i + 1; j < ids.Count; j++)
                {
                    if (!seen.Add((ids[i], ids[j])))
                    {
                        continue; // a pair sharing two names is counted once
                    }
                    var (a, b) = (customers[ids[i]], customers[ids[j]]);
                    var key = $"customers with the name {Math.Min(ids.Count, 4)}{(ids.Count >= 4 ? "+" : "")}, "
                        + string.Join(" ", Compared.Select(f => f.Name + Agreement(a.Fields[f.Name], b.Fields[f.Name])));
                    var truePairs = a.Records.Sum(x => (long)b.Records.Count(y => x.PersonId == y.PersonId));
                    var (t, f) = classes.GetValueOrDefault(key);
                    classes[key] = (t + truePairs, f + (long)a.Records.Count * b.Records.Count - truePairs);
                }
            }
        }
        return classes.Select(c => new Class(c.Key, c.Value.True, c.Value.False)).ToList();
    }

    /// <summary>Adds classes to the resolver's result cleanest first and keeps the best F1 whose precision stays at or above the floor.</summary>
    public static Bound Best(Labelled.Accuracy resolved, IEnumerable<Class> classes, double precisionFloor)
    {
        var steps = new List<(Class, Labelled.Accuracy)>();
        var current = resolved;
        var (best, bestRecall, bestAny) = (resolved.F1, resolved.Recall, resolved.F1);
        foreach (var c in classes.Where(c => c.TruePairs > 0).OrderByDescending(c => c.Precision).ThenByDescending(c => c.TruePairs))
        {
            current = current with
            {
                PredictedPairs = current.PredictedPairs + c.TruePairs + c.FalsePairs,
                CorrectPairs = current.CorrectPairs + c.TruePairs,
            };
            steps.Add((c, current));
            bestAny = Math.Max(bestAny, current.F1);
            if (current.Precision >= precisionFloor && current.F1 > best)
            {
                (best, bestRecall) = (current.F1, current.Recall);
            }
        }
        return new Bound(best, bestRecall, bestAny, steps);
    }

    private static Pooled Pool(List<LabelledIdentityRecord> records) => new(
        records,
        // Full names only: a surname with an honorific (王先生 -> 王) says too little to count as sharing a name.
        records.Select(r => TextFolding.FoldName(r.Attributes.GetValueOrDefault(AttributeNames.Name))).OfType<string>().Where(n => n.Length > 1).ToHashSet(),
        Compared.ToDictionary(f => f.Name, f => records.SelectMany(f.Values).OfType<string>().ToHashSet()));

    private static string Agreement(HashSet<string> a, HashSet<string> b) =>
        a.Count == 0 || b.Count == 0 ? "-" : a.Overlaps(b) ? "=" : "x";

    private static string? LastElevenDigits(string phone)
    {
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 11 ? digits[^11..] : null;
    }
}
