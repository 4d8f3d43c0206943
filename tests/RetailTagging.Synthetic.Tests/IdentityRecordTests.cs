using RetailTagging.Synthetic.Identity;

namespace RetailTagging.Synthetic.Tests;

/// <summary>Labelled identity records: unique ids that do not give away the label.</summary>
public class IdentityRecordTests
{
    private static List<LabelledIdentityRecord> Records(int seed) =>
        new IdentityRecordGenerator().Generate(SyntheticPersons.Generate(3_000, seed), seed).ToList();

    [Theory]
    [InlineData(1)]
    [InlineData(20260501)]
    public void Record_ids_are_unique(int seed)
    {
        var records = Records(seed);
        Assert.Equal(records.Count, records.Select(r => r.RecordId).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Record_ids_in_order_do_not_group_a_persons_records()
    {
        // A resolver must not be able to read the true person off the ids: with a running counter most
        // neighbours in id order were the same person; with scattered ids almost none are.
        var sorted = Records(20260501).OrderBy(r => r.RecordId[(r.RecordId.IndexOf(':') + 1)..], StringComparer.Ordinal).ToList();
        var samePersonNeighbours = sorted.Zip(sorted.Skip(1)).Count(p => p.First.PersonId == p.Second.PersonId);
        Assert.True(samePersonNeighbours < sorted.Count / 100, $"{samePersonNeighbours} of {sorted.Count} neighbours in id order are one person");
    }

    [Fact]
    public void The_same_seed_gives_the_same_ids() =>
        Assert.Equal(Records(7).Select(r => r.RecordId), Records(7).Select(r => r.RecordId));
}
