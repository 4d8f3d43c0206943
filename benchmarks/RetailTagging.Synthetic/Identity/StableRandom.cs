namespace RetailTagging.Synthetic.Identity;

/// <summary>Seeded randomness that does not depend on the process (string.GetHashCode does).</summary>
internal static class StableRandom
{
    public static Random For(int seed, string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return new Random(unchecked((int)hash ^ (seed * 486187739)));
    }

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static bool Chance(this Random random, double p) => random.NextDouble() < p;
}
