namespace RetailTagging.Cli.Demo;

/// <summary>What <c>retail-tags demo</c> runs: the population's size and seed, the database file, and the weekly runs replayed.</summary>
/// <param name="Customers">How many synthetic customers to generate (1 .. 10,000,000).</param>
/// <param name="DatabasePath">The SQLite file to create (an existing file is replaced).</param>
/// <param name="Seed">The generator's seed: the same seed gives the same data, tags and report.</param>
/// <param name="Weeks">Weekly tagging runs before the final one, so the history shows tag changes over time.</param>
/// <param name="Parallelism">Worker threads for generation, scoring and tagging.</param>
internal sealed record DemoSettings(long Customers, string DatabasePath, int Seed, int Weeks, int Parallelism)
{
    public const long DefaultCustomers = 100_000;
    public const int DefaultSeed = 20240601;
    public const int DefaultWeeks = 4;
    public const string DefaultDatabase = "retail-demo.db";

    /// <summary>Customers generated, tagged and stored together: bounded memory whatever the population.</summary>
    public int ChunkSize { get; init; } = 2_048;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Customers is < 1 or > 10_000_000)
            throw new ArgumentException($"--customers must be between 1 and 10,000,000, not {Customers}.");
        if (Weeks is < 0 or > 52)
            throw new ArgumentException($"--weeks must be between 0 and 52, not {Weeks}.");
        if (string.IsNullOrWhiteSpace(DatabasePath))
            throw new ArgumentException("--db needs a file name.");
        if (Parallelism < 1)
            throw new ArgumentException("At least one worker thread is needed.");
    }
}
