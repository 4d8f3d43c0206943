namespace RetailTagging.EntityFrameworkCore.Batch;

/// <summary>The outcome of <see cref="BatchTagger.RunAsync"/>.</summary>
/// <param name="RunId">The run.</param>
/// <param name="AsOf">The instant the run evaluated as of (fixed when the run first started).</param>
/// <param name="CustomersProcessed">Customers tagged, over every attempt of the run.</param>
/// <param name="ChangesWritten">Tag changes written to the history, over every attempt of the run.</param>
/// <param name="ChunksCommitted">Chunks this attempt committed.</param>
/// <param name="Resumed">Whether this attempt continued a run that had already started.</param>
/// <param name="Elapsed">Duration of this attempt.</param>
public sealed record BatchRunResult(string RunId, DateTimeOffset AsOf, long CustomersProcessed, long ChangesWritten, long ChunksCommitted, bool Resumed, TimeSpan Elapsed);
