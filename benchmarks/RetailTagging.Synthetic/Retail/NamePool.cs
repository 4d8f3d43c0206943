using Bogus;

namespace RetailTagging.Synthetic.Retail;

/// <summary>
/// Chinese family and given names from Bogus's zh_CN locale, drawn once into fixed pools. A Faker
/// per customer would cost more than the whole behavioural model, and the pools keep each
/// customer's name a function of their own seed only.
/// </summary>
internal static class NamePool
{
    private static readonly Lazy<(string[] Family, string[] Given)> Pools = new(Build);

    public static string[] FamilyNames => Pools.Value.Family;

    public static string[] GivenNames => Pools.Value.Given;

    private static (string[], string[]) Build()
    {
        var faker = new Faker("zh_CN") { Random = new Randomizer(7) };
        var family = new HashSet<string>(StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 4_000; i++)
        {
            family.Add(faker.Name.LastName());
            given.Add(faker.Name.FirstName());
        }
        // Sorted, so the pools do not depend on hash-set iteration order.
        return ([.. family.Order(StringComparer.Ordinal)], [.. given.Order(StringComparer.Ordinal)]);
    }
}
