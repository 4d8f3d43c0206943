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
        var customerOf = await ResolveAsync(options, records);
        return Labelled.Measure(records.Select(r => (r.PersonId, customerOf[r.RecordId])));
    }

    /// <summary>Record id to customer id.</summary>
    private static async Task<Dictionary<string, string>> ResolveAsync(IdentityResolutionOptions options, List<LabelledIdentityRecord> records)
    {
        using var resolver = new IdentityResolver(options);
        await resolver.AddRangeAsync(records.Select(Labelled.ToSource));
        return resolver.GetAssignments().ToDictionary(a => a.RecordId, a => a.CustomerId);
    }

    /// <summary>
    /// The recall an oracle would reach that links two records of the same person whenever they share any
    /// identifier value (and, optionally, the exact name) - resolving each person's records on their own,
    /// so family phones and junk cannot mislead it. What the data allows, not what a resolver can know.
    /// </summary>
    private static async Task<double> CeilingAsync(List<LabelledIdentityRecord> records, bool withName)
    {
        string[] fields = ["phone", "email", "member_id", "wechat_unionid", "wechat_openid", "pos_card", "device_id", .. withName ? new[] { "name" } : []];
        var oracle = new IdentityResolutionOptions
        {
            Rules = fields.Select((f, i) => new MatchRule { Name = f, Fields = [f], Priority = i }).ToList(),
            IdentifierLimits = new Dictionary<string, int>(),
            Fuzzy = { Enabled = false },
        };
        long linked = 0, all = 0;
        foreach (var person in records.GroupBy(r => r.PersonId))
        {
            using var resolver = new IdentityResolver(oracle);
            await resolver.AddRangeAsync(person.Select(Labelled.ToSource));
            all += (long)person.Count() * (person.Count() - 1) / 2;
            linked += resolver.GetAssignments().GroupBy(a => a.CustomerId).Sum(c => (long)c.Count() * (c.Count() - 1) / 2);
        }
        return (double)linked / all;
    }

    private static List<LabelledIdentityRecord> Records(IdentityNoise noise, int seed = Seed) =>
        new IdentityRecordGenerator(noise).Generate(SyntheticPersons.Generate(Persons, seed), seed).ToList();

    [Fact]
    public async Task Default_noise_deterministic_rules_are_precise_and_fuzzy_adds_recall_without_losing_precision()
    {
        var records = Records(new IdentityNoise());
        var deterministic = await RunAsync(new IdentityResolutionOptions { Fuzzy = { Enabled = false } }, records);
        var fuzzy = await RunAsync(new IdentityResolutionOptions(), records);
        output.WriteLine($"default noise, {Persons} persons, {records.Count} records");
        output.WriteLine($"  deterministic:         {deterministic}");
        output.WriteLine($"  deterministic + fuzzy: {fuzzy}");
        output.WriteLine($"  recall ceiling, identifiers only:        {await CeilingAsync(records, withName: false):0.0000}");
        output.WriteLine($"  recall ceiling, identifiers or exact name: {await CeilingAsync(records, withName: true):0.0000}");
        Assert.True(deterministic.Precision >= 0.99, deterministic.ToString());
        Assert.True(fuzzy.Precision >= 0.99, fuzzy.ToString());
        Assert.True(fuzzy.Recall > deterministic.Recall, $"fuzzy {fuzzy} vs deterministic {deterministic}");
        // Measured 0.928; the goal is 0.95 (see docs/identity.md for why this data caps it).
        Assert.True(fuzzy.F1 >= 0.92, fuzzy.ToString());
    }

    /// <summary>Another seed: the precision goal must not hinge on one draw of the generator.</summary>
    [Fact]
    public async Task Another_seed_keeps_deterministic_precision_and_the_same_fuzzy_gain()
    {
        const int seed = 7;
        var records = Records(new IdentityNoise(), seed);
        var deterministic = await RunAsync(new IdentityResolutionOptions { Fuzzy = { Enabled = false } }, records);
        var fuzzy = await RunAsync(new IdentityResolutionOptions(), records);
        output.WriteLine($"default noise, seed {seed}, {Persons} persons, {records.Count} records");
        output.WriteLine($"  deterministic:         {deterministic}");
        output.WriteLine($"  deterministic + fuzzy: {fuzzy}");
        Assert.True(deterministic.Precision >= 0.99, deterministic.ToString());
        Assert.True(fuzzy.Precision >= 0.99, fuzzy.ToString());
        Assert.True(fuzzy.F1 >= 0.92, fuzzy.ToString());
    }

    /// <summary>
    /// How close fuzzy resolution comes to what the data allows. The pairs it still misses are mostly
    /// customers sharing only an exact name; <see cref="NameSharingEvidence"/> sorts every such pair of
    /// customers by name frequency and by whether their pooled gender, city, birth date and phone agree,
    /// and merges the classes cleanest first using the labels: no resolver working from these fields can
    /// beat that F1 at the same precision. Prints the classes (the table in docs/identity.md).
    /// </summary>
    [Fact]
    public async Task Fuzzy_resolution_is_close_to_the_best_the_name_sharing_evidence_allows()
    {
        var records = Records(new IdentityNoise());
        var customerOf = await ResolveAsync(new IdentityResolutionOptions(), records);
        var resolved = Labelled.Measure(records.Select(r => (r.PersonId, customerOf[r.RecordId])));
        var bound = NameSharingEvidence.Best(resolved, NameSharingEvidence.Classify(records, customerOf), precisionFloor: 0.99);
        output.WriteLine($"resolver: {resolved}");
        foreach (var (c, after) in bound.Steps.TakeWhile(s => s.After.Precision >= 0.95))
        {
            output.WriteLine($"  + {c.Key}: {c.TruePairs} true, {c.FalsePairs} false -> {after}");
        }
        output.WriteLine($"best F1 with precision >= 0.99: {bound.F1:0.0000} (recall {bound.Recall:0.0000}); best F1 at any precision: {bound.BestF1:0.0000}");
        Assert.True(resolved.F1 >= bound.F1 - 0.01, $"resolver F1 {resolved.F1:0.0000}, reachable {bound.F1:0.0000}");
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
