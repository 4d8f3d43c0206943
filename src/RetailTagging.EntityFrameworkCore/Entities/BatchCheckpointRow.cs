namespace RetailTagging.EntityFrameworkCore.Entities;

/// <summary>Progress of a batch tagging run, so a crashed run resumes where it stopped.</summary>
public sealed class BatchCheckpointRow
{
    /// <summary>The run id.</summary>
    public string RunId { get; set; } = "";
    /// <summary>The instant the run evaluates as of (UTC).</summary>
    public DateTime AsOfUtc { get; set; }
    /// <summary>The last customer id whose changes are committed (keyset position).</summary>
    public string? LastCustomerId { get; set; }
    /// <summary>Customers processed so far.</summary>
    public long CustomersProcessed { get; set; }
    /// <summary>Tag changes written so far.</summary>
    public long ChangesWritten { get; set; }
    /// <summary>Started (UTC).</summary>
    public DateTime StartedAtUtc { get; set; }
    /// <summary>Completed (UTC); null while running or after a crash.</summary>
    public DateTime? CompletedAtUtc { get; set; }
    /// <summary>Optimistic-concurrency token.</summary>
    public long Version { get; set; }
}
