using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Cli.Demo;
using Xunit;

namespace RetailTagging.Cli.Tests.Demo;

public sealed class PairwiseAccuracyTests
{
    // Records as (person, customer) pairs: up to 40 records over a few persons and customers, so pairs collide.
    private static readonly Arbitrary<(string Person, string Customer)[]> Labelled =
        Gen.Choose(0, 5).Zip(Gen.Choose(0, 5)).Select(p => ($"p{p.Item1}", $"c{p.Item2}")).ArrayOf().Select(a => a.Take(40).ToArray()).ToArbitrary();

    [Fact]
    public void A_known_clustering_scores_as_counted_by_hand()
    {
        // Persons A (3 records) and B (2); the resolver merged one of B's records into A's customer.
        var accuracy = PairwiseAccuracy.Measure([("A", "x"), ("A", "x"), ("A", "x"), ("B", "x"), ("B", "y")]);
        Assert.Equal(4, accuracy.TruePairs);      // AA x3, BB x1
        Assert.Equal(6, accuracy.PredictedPairs); // four records in x
        Assert.Equal(3, accuracy.CorrectPairs);
        Assert.Equal(0.5, accuracy.Precision);
        Assert.Equal(0.75, accuracy.Recall);
    }

    [Property(MaxTest = 300)]
    public Property Correct_pairs_never_exceed_true_or_predicted_pairs() => Prop.ForAll(Labelled, records =>
    {
        var a = PairwiseAccuracy.Measure(records);
        return a.CorrectPairs <= a.TruePairs && a.CorrectPairs <= a.PredictedPairs && a.Precision is >= 0 and <= 1 && a.Recall is >= 0 and <= 1;
    });

    [Property(MaxTest = 300)]
    public Property The_true_clustering_is_perfect_and_one_customer_for_all_has_full_recall() => Prop.ForAll(Labelled, records =>
    {
        var perfect = PairwiseAccuracy.Measure(records.Select(r => (r.Person, "customer-of-" + r.Person)));
        var lumped = PairwiseAccuracy.Measure(records.Select(r => (r.Person, "everyone")));
        return perfect.Precision == 1 && perfect.Recall == 1 && lumped.Recall == 1 && lumped.CorrectPairs == lumped.TruePairs;
    });
}
