using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Identity;

namespace RetailTagging.Identity.Tests;

/// <summary>The laws of identity resolution, over random record sets drawn from small pools so that links, conflicts and family phones are common.</summary>
public sealed class PropertyTests
{
    private static readonly string[] Phones = ["13812345678", "+86 139 0000 1111", "15011112222", "18622223333", "13800000000"];
    private static readonly string[] Emails = ["w@qq.com", "L@163.com", "test@test.com", "z@126.com"];
    private static readonly string[] Members = ["M1", "M2", "M3"];
    private static readonly string[] Names = ["王伟", "王玮", "李娜", "王先生", "张三"];
    private static readonly string[] Dates = ["1990-05-17", "1990-05-18", "1985-01-02"];
    private static readonly string[] Genders = ["M", "F"];

    private static Gen<string?> Maybe(string[] pool, int percent) =>
        Gen.Frequency((100 - percent, Gen.Constant<string?>(null)), (percent, Gen.Elements(pool).Select(s => (string?)s)));

    private static readonly Gen<Func<int, SourceRecord>> RecordGen =
        from phone in Maybe(Phones, 70)
        from email in Maybe(Emails, 40)
        from member in Maybe(Members, 35)
        from name in Maybe(Names, 70)
        from date in Maybe(Dates, 40)
        from gender in Maybe(Genders, 50)
        from minute in Gen.Choose(0, 5)
        from source in Gen.Elements("pos", "online", "mini_program", "service_desk")
        select (Func<int, SourceRecord>)(i => new SourceRecord($"r{i}", source)
        {
            CreatedAt = Build.T0.AddMinutes(minute),
            Identifiers = new[] { ("phone", phone), ("email", email), ("member_id", member) }
                .Where(p => p.Item2 is not null).Select(p => new SourceIdentifier(p.Item1, p.Item2!)).ToArray(),
            Attributes = new[] { ("name", name), ("birth_date", date), ("gender", gender) }
                .Where(p => p.Item2 is not null).ToDictionary(p => p.Item1, p => (string?)p.Item2),
        });

    private static readonly Gen<SourceRecord[]> RecordsGen =
        from count in Gen.Choose(1, 14)
        from makers in Gen.ArrayOf(RecordGen, count)
        select makers.Select((make, i) => make(i)).ToArray();

    /// <summary>A record set, a permutation of it and a chunking of that permutation.</summary>
    private static readonly Arbitrary<(SourceRecord[] Records, SourceRecord[] Shuffled, int Chunk)> Orders =
        (from records in RecordsGen
         from shuffled in Gen.Shuffle(records)
         from chunk in Gen.Choose(1, 5)
         select (records, shuffled, chunk)).ToArbitrary();

    private static (Dictionary<string, string> Assignments, string[] Reviews) Resolve(IEnumerable<IEnumerable<SourceRecord>> batches, Action<IdentityResolutionOptions>? configure = null)
    {
        using var resolver = Build.Resolver(configure);
        foreach (var batch in batches)
        {
            resolver.AddRangeAsync(batch).GetAwaiter().GetResult();
        }
        return (Build.Assignments(resolver), resolver.GetReviewQueue().Select(r => r.Id).ToArray());
    }

    [Property(MaxTest = 300)]
    public Property Any_order_and_batching_of_the_same_records_gives_the_same_customers_and_reviews() =>
        Prop.ForAll(Orders, input =>
        {
            var batch = Resolve([input.Records]);
            var incremental = Resolve(input.Shuffled.Chunk(input.Chunk));
            return batch.Assignments.Count == incremental.Assignments.Count
                && batch.Assignments.All(p => incremental.Assignments[p.Key] == p.Value)
                && batch.Reviews.SequenceEqual(incremental.Reviews);
        });

    [Property(MaxTest = 200)]
    public Property Merge_then_unmerge_is_the_identity() =>
        Prop.ForAll(RecordsGen.ToArbitrary(), records =>
        {
            using var resolver = Build.Resolver();
            resolver.AddRangeAsync(records).GetAwaiter().GetResult();
            var before = Build.Assignments(resolver);
            var reviewsBefore = resolver.GetReviewQueue().Select(r => r.Id).ToArray();
            var ids = resolver.GetCustomerIds();
            if (ids.Count < 2)
            {
                return true;
            }
            resolver.MergeAsync(ids[0], ids[^1]).GetAwaiter().GetResult();
            var merged = resolver.GetCustomer(ids[0])!;
            var step = merged.History.Single(s => s.Kind == MergeReasonKind.Decision);
            resolver.UnmergeAsync(merged.Id, step.Sequence).GetAwaiter().GetResult();
            var after = Build.Assignments(resolver);
            return before.All(p => after[p.Key] == p.Value)
                && reviewsBefore.SequenceEqual(resolver.GetReviewQueue().Select(r => r.Id));
        });

    [Property(MaxTest = 200)]
    public Property Adding_a_record_never_splits_a_customer_when_no_guard_fires() =>
        // Rules without limits or conflict guards: resolution is then plain connectivity, which only grows.
        Prop.ForAll(RecordsGen.ToArbitrary(), records =>
        {
            void Plain(IdentityResolutionOptions o)
            {
                o.IdentifierLimits.Clear();
                o.Rules = [new MatchRule { Name = "phone_name", Fields = ["phone", "name"] }, new MatchRule { Name = "email", Fields = ["email"] }, new MatchRule { Name = "member", Fields = ["member_id"] }];
                o.MaxRecordsPerValue = 0;
            }
            return NeverSplits(records, Plain, guardsMayFire: false);
        });

    /// <summary>
    /// With guards on, a stronger link arriving later may take a record away from a weaker one (that is
    /// what priorities mean, and no order-independent resolver with hard limits can avoid it); every
    /// such split must then be reported, with the old customer id, in the history of that call.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Every_split_caused_by_adding_a_record_is_reported_in_the_history() =>
        Prop.ForAll(RecordsGen.ToArbitrary(), records => NeverSplits(records, _ => { }, guardsMayFire: true));

    private static bool NeverSplits(SourceRecord[] records, Action<IdentityResolutionOptions> configure, bool guardsMayFire)
    {
        using var resolver = Build.Resolver(configure);
        var previous = new Dictionary<string, string>();
        foreach (var record in records)
        {
            var result = resolver.AddAsync(record).GetAwaiter().GetResult();
            var now = Build.Assignments(resolver);
            foreach (var group in previous.GroupBy(p => p.Value))
            {
                var split = group.Select(p => now[p.Key]).Distinct().Count() > 1;
                var reported = result.Changes.Any(c => c.Kind == IdentityChangeKind.Split && c.Before.SequenceEqual([group.Key]));
                if (split && (!guardsMayFire || !reported))
                {
                    return false;
                }
            }
            previous = now;
        }
        return true;
    }

    [Property(MaxTest = 200)]
    public Property Blocked_values_never_link() =>
        Prop.ForAll(Gen.Choose(2, 6).ToArbitrary(), n =>
        {
            using var resolver = Build.Resolver();
            resolver.AddRangeAsync(Enumerable.Range(0, n).Select(i => Build.Record($"r{i}", minutes: i, ids: [("phone", "13800000000"), ("email", "test@test.com")], attrs: [("name", "王伟")]))).GetAwaiter().GetResult();
            return resolver.CustomerCount == n;
        });
}
