namespace RetailTagging.Engine;

/// <summary>Options of the tag engine.</summary>
public sealed class TagEngineOptions
{
    /// <summary>Degree of parallelism of batch runs (default: the number of processors).</summary>
    public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>How many customers a batch run holds in flight at most, which bounds its memory (default 1,024).</summary>
    public int BatchBufferSize { get; set; } = 1_024;

    internal void Validate()
    {
        if (MaxDegreeOfParallelism < 1) throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Must be at least 1.");
        if (BatchBufferSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchBufferSize), BatchBufferSize, "Must be at least 1.");
    }
}
