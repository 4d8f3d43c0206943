namespace RetailTagging.EntityFrameworkCore.Batch;

/// <summary>Options of <see cref="BatchTagger"/>.</summary>
public sealed class BatchTaggerOptions
{
    /// <summary>
    /// Customers per chunk: one keyset page, one events query, one transaction, one checkpoint. Memory holds one chunk
    /// with its events (plus the engine's evaluation buffer); default 500.
    /// </summary>
    public int ChunkSize { get; set; } = 500;

    /// <summary>Checks the options; throws <see cref="ArgumentOutOfRangeException"/> when one is out of range.</summary>
    public void Validate()
    {
        if (ChunkSize is < 1 or > 100_000)
            throw new ArgumentOutOfRangeException(nameof(ChunkSize), ChunkSize, "The chunk size must be between 1 and 100,000 customers.");
    }
}
