namespace RetailTagging.EntityFrameworkCore.Batch;

/// <summary>Progress of a batch run, reported after each committed chunk. Counts include earlier attempts of the same run.</summary>
/// <param name="RunId">The run.</param>
/// <param name="ChunksCommitted">Chunks committed by this attempt.</param>
/// <param name="CustomersProcessed">Customers whose changes are committed, over every attempt of the run.</param>
/// <param name="ChangesWritten">Tag changes committed, over every attempt of the run.</param>
/// <param name="LastCustomerId">The checkpoint: the last customer committed.</param>
/// <param name="Elapsed">Time since this attempt started.</param>
public readonly record struct BatchRunProgress(string RunId, long ChunksCommitted, long CustomersProcessed, long ChangesWritten, string? LastCustomerId, TimeSpan Elapsed);
