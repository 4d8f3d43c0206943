using RetailTagging.Synthetic;

namespace RetailTagging.Synthetic.Tests;

/// <summary>Shared samples, generated once per test run.</summary>
internal static class Population
{
    public static readonly RetailDataOptions Options = new() { Seed = 20240601, CustomerCount = 4_000 };

    private static readonly Lazy<IReadOnlyList<SyntheticCustomer>> Sample = new(() => new RetailDataGenerator(Options).Customers().ToList());

    /// <summary>4,000 customers with the default behaviour.</summary>
    public static IReadOnlyList<SyntheticCustomer> Default => Sample.Value;
}
