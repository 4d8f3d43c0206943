using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;
using RetailTagging.Catalog;
using RetailTagging.EntityFrameworkCore.PushDown;
using RetailTagging.EntityFrameworkCore.Tests.Support;

namespace RetailTagging.EntityFrameworkCore.Tests.PushDown;

/// <summary>
/// The law of push-down: on any data, the customers the SQL query selects are exactly the ones the
/// engine puts in the segment in memory (with the engine's tag assignments stored for tag references).
/// </summary>
public sealed class PushDownProperties(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Theory, SqliteData, PostgresData]
    public async Task PushedDownQueriesSelectWhatTheEngineSelects(DatabaseProvider provider)
    {
        var database = await fixture.GetAsync(provider);
        var seeds = Arb.From(Gen.Choose(0, int.MaxValue));
        var property = Prop.ForAll(seeds, seed =>
        {
            var random = new Random(seed);
            var generator = new RandomPushDownCase(random);
            var customers = generator.Customers();
            var events = generator.Events(customers);
            if (!CatalogCompiler.TryCompile(generator.CatalogText, out var catalog, out var diagnostics))
                return false.Label($"seed {seed}: catalog: {string.Join("; ", diagnostics)}");
            using var db = database.CreateContext();
            PushDownData.Load(db, catalog!, customers, events, generator.AsOf);
            for (var i = 0; i < 3; i++)
            {
                var expression = generator.Condition(3);
                var expected = PushDownData.InMemory(generator.CatalogText, expression, customers, events, generator.AsOf);
                if (!SegmentQuery.TryCreate(catalog!, expression, generator.AsOf, out var query, out var problems))
                    return false.Label($"seed {seed}: {expression}: {string.Join("; ", problems)}");
                var actual = new SortedSet<string>(query!.Apply(db).Select(c => c.Id).ToList(), StringComparer.Ordinal);
                if (!actual.SetEquals(expected))
                {
                    return false.Label($"seed {seed} ({generator.TimeZone}, as of {generator.AsOf:O}): {expression}\n"
                        + $"SQL [{string.Join(" ", actual)}], engine [{string.Join(" ", expected)}]\n{query.Apply(db).ToQueryString()}");
                }
            }
            return true.ToProperty();
        });
        // EF Core compiles every generated query afresh (about 0.1 s each on the 2-core CI machine), so the
        // case count keeps the test near half a minute per provider; each case checks three expressions.
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(provider == DatabaseProvider.Sqlite ? 60 : 40), property);
    }
}
