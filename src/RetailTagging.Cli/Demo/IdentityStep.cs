using RetailTagging.Identity;
using RetailTagging.Synthetic.Identity;

namespace RetailTagging.Cli.Demo;

/// <summary>
/// Identity resolution over the population's source records: the generator shows each person to the POS, the online
/// shop, the mini program and the service desk with formatting variants, typos, shared family phones and junk; the
/// resolver groups the records into customers. Each record keeps its true person as a label, so the result is scored
/// (pairwise precision and recall) against the truth.
/// </summary>
internal sealed class IdentityStep(IIdentityStore? store)
{
    private readonly Dictionary<string, string> _personOfRecord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _recordsBySource = new(StringComparer.Ordinal);

    /// <summary>Resolves the records of <paramref name="people"/>, streamed (households are consecutive customers).</summary>
    public async Task<IdentityOutcome> ResolveAsync(IEnumerable<Customer> people, int seed, CancellationToken cancellationToken)
    {
        using var resolver = new IdentityResolver(new IdentityResolutionOptions(), store);
        var records = new IdentityRecordGenerator().Generate(people, seed).Select(Label);
        var result = await resolver.AddRangeAsync(records, cancellationToken).ConfigureAwait(false);
        var assignments = resolver.GetAssignments();
        return new IdentityOutcome(
            result.RecordCount,
            result.CustomerCount,
            _personOfRecord.Values.Distinct(StringComparer.Ordinal).Count(),
            new SortedDictionary<string, int>(_recordsBySource, StringComparer.Ordinal),
            result.Issues.Count,
            resolver.GetReviewQueue().Count,
            PairwiseAccuracy.Measure(assignments.Select(a => (_personOfRecord[a.RecordId], a.CustomerId))));
    }

    private SourceRecord Label(LabelledIdentityRecord labelled)
    {
        _personOfRecord[labelled.RecordId] = labelled.PersonId;
        _recordsBySource[labelled.Source] = _recordsBySource.GetValueOrDefault(labelled.Source) + 1;
        return new SourceRecord(labelled.RecordId, labelled.Source)
        {
            CreatedAt = labelled.CreatedAt,
            UpdatedAt = labelled.UpdatedAt,
            Identifiers = [.. labelled.Identifiers.Select(i => new SourceIdentifier(i.Key, i.Value))],
            Attributes = labelled.Attributes,
        };
    }
}

/// <summary>What identity resolution made of the population's source records.</summary>
internal sealed record IdentityOutcome(
    int Records, int Customers, int Persons, IReadOnlyDictionary<string, int> RecordsBySource, int IdentifierIssues, int ReviewItems,
    PairwiseAccuracy Accuracy);

/// <summary>
/// Pairwise accuracy of a clustering against labels: a pair of records is predicted when they share a customer and
/// true when they share a person.
/// </summary>
internal sealed record PairwiseAccuracy(long TruePairs, long PredictedPairs, long CorrectPairs)
{
    public double Precision => PredictedPairs == 0 ? 1 : (double)CorrectPairs / PredictedPairs;

    public double Recall => TruePairs == 0 ? 1 : (double)CorrectPairs / TruePairs;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static PairwiseAccuracy Measure(IEnumerable<(string Person, string Customer)> labelled)
    {
        static long Pairs(long n) => n * (n - 1) / 2;
        var list = labelled.ToList();
        return new PairwiseAccuracy(
            list.GroupBy(x => x.Person, StringComparer.Ordinal).Sum(g => Pairs(g.Count())),
            list.GroupBy(x => x.Customer, StringComparer.Ordinal).Sum(g => Pairs(g.Count())),
            list.GroupBy(x => (x.Person, x.Customer)).Sum(g => Pairs(g.Count())));
    }
}
