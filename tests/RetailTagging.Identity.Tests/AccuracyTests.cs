using RetailTagging.Identity;
using RetailTagging.Synthetic.Identity;
using Xunit;
using Xunit.Abstractions;

namespace RetailTagging.Identity.Tests;

/// <summary>
/// Pairwise precision/recall/F1 on the labelled synthetic data (the figures in docs/identity.md).
/// Reproduce with: dotnet test tests/RetailTagging.Identity.Tests --filter AccuracyTests --logger "console;verbosity=detailed"
/// </summary>
public sealed class AccuracyTests(ITestOutputHelper output)
{
    private const int Persons = 20_000;
    private const int Seed = 20260501;

    private static async Task<Labelled.Accuracy> RunAsync(IdentityResolutionOptions options, List<LabelledIdentityRecord> records)
    {
        using var resolver = new IdentityResolver(options);
        await resolver.AddRangeAsync(records.Select(Labelled.ToSource));
        var customerOf = resolver.GetAssignments().ToDictionary(a => a.RecordId, a => a.CustomerId);
        return Labelled.Measure(records.Select(r => (r.PersonId, customerOf[r.RecordId])));
    }

    private static List<LabelledIdentityRecord> Records(IdentityNoise noise) =>
        new IdentityRecordGenerator(noise).Generate(SyntheticPersons.Generate(Persons, Seed), Seed).ToList();

    [Fact]
    public async Task Default_noise_deterministic_rules_are_precise_and_fuzzy_adds_recall_without_losing_precision()
    {
        var records = Records(new IdentityNoise());
        var deterministic = await RunAsync(new IdentityResolutionOptions { Fuzzy = { Enabled = false } }, records);
        var fuzzy = await RunAsync(new IdentityResolutionOptions(), records);
        output.WriteLine($"default noise, {Persons} persons, {records.Count} records");
        output.WriteLine($"  deterministic:         {deterministic}");
        output.WriteLine($"  deterministic + fuzzy: {fuzzy}");
        Assert.True(deterministic.Precision >= 0.99, deterministic.ToString());
        Assert.True(fuzzy.Precision >= 0.99, fuzzy.ToString());
        Assert.True(fuzzy.Recall > deterministic.Recall, $"fuzzy {fuzzy} vs deterministic {deterministic}");
        // Measured 0.929; the goal is 0.95 (see docs/identity.md for why this data caps it).
        Assert.True(fuzzy.F1 >= 0.92, fuzzy.ToString());
    }

    [Fact]
    public async Task Harsh_noise_figures()
    {
        var records = Records(IdentityNoise.Harsh);
        var deterministic = await RunAsync(new IdentityResolutionOptions { Fuzzy = { Enabled = false } }, records);
        var fuzzy = await RunAsync(new IdentityResolutionOptions(), records);
        output.WriteLine($"harsh noise, {Persons} persons, {records.Count} records");
        output.WriteLine($"  deterministic:         {deterministic}");
        output.WriteLine($"  deterministic + fuzzy: {fuzzy}");
        Assert.True(deterministic.Precision >= 0.98, deterministic.ToString());
        Assert.True(fuzzy.Precision >= 0.98, fuzzy.ToString());
    }
}
