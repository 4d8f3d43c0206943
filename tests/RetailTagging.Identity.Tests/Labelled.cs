using RetailTagging.Identity;
using RetailTagging.Synthetic.Identity;

namespace RetailTagging.Identity.Tests;

/// <summary>Labelled synthetic data and pairwise accuracy.</summary>
internal static class Labelled
{
    public static SourceRecord ToSource(LabelledIdentityRecord r) => new(r.RecordId, r.Source)
    {
        CreatedAt = r.CreatedAt,
        UpdatedAt = r.UpdatedAt,
        Identifiers = r.Identifiers.Select(i => new SourceIdentifier(i.Key, i.Value)).ToArray(),
        Attributes = r.Attributes,
    };

    public static List<LabelledIdentityRecord> Records(int persons, int seed) =>
        new IdentityRecordGenerator().Generate(SyntheticPersons.Generate(persons, seed), seed).ToList();

    public sealed record Accuracy(long TruePairs, long PredictedPairs, long CorrectPairs)
    {
        public double Precision => PredictedPairs == 0 ? 1 : (double)CorrectPairs / PredictedPairs;
        public double Recall => TruePairs == 0 ? 1 : (double)CorrectPairs / TruePairs;
        public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
        public override string ToString() =>
            $"precision {Precision:0.0000}, recall {Recall:0.0000}, F1 {F1:0.0000} (true pairs {TruePairs}, predicted {PredictedPairs}, correct {CorrectPairs})";
    }

    /// <summary>Pairwise accuracy: a pair of records is predicted when they share a customer, true when they share a person.</summary>
    public static Accuracy Measure(IEnumerable<(string Person, string Customer)> labelled)
    {
        static long Pairs(long n) => n * (n - 1) / 2;
        var list = labelled.ToList();
        return new Accuracy(
            list.GroupBy(x => x.Person).Sum(g => Pairs(g.Count())),
            list.GroupBy(x => x.Customer).Sum(g => Pairs(g.Count())),
            list.GroupBy(x => (x.Person, x.Customer)).Sum(g => Pairs(g.Count())));
    }
}
