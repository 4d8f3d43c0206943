using RetailTagging.Synthetic;

namespace RetailTagging.Cli.Demo;

/// <summary>
/// The synthetic population, streamed in chunks generated in parallel. Customer <c>i</c> depends only on the seed
/// and <c>i</c>, so every pass sees the same customers and nothing is kept between passes.
/// </summary>
internal sealed class DemoPopulation(DemoSettings settings)
{
    public RetailDataGenerator Generator { get; } = new(new RetailDataOptions { CustomerCount = settings.Customers, Seed = settings.Seed });

    /// <summary>The instant the data is as of: the final tagging run's instant.</summary>
    public DateTimeOffset AsOf => Generator.Options.AsOf;

    public long Count => settings.Customers;

    /// <summary>Every customer in index order, <see cref="DemoSettings.ChunkSize"/> at a time.</summary>
    public IEnumerable<SyntheticCustomer[]> Chunks(CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken };
        for (long start = 0; start < Count; start += settings.ChunkSize)
        {
            var chunk = new SyntheticCustomer[(int)Math.Min(settings.ChunkSize, Count - start)];
            Parallel.For(0, chunk.Length, parallel, i => chunk[i] = Generator.Generate(start + i));
            yield return chunk;
        }
    }
}
