using RetailTagging.Catalog;
using RetailTagging.Identity;

namespace RetailTagging.Cli.Demo;

/// <summary>Where the demo keeps what it made: the embedded SQLite database.</summary>
internal interface IDemoStore : IAsyncDisposable
{
    /// <summary>The identity store the resolver writes source records, assignments and merge history to.</summary>
    IIdentityStore IdentityStore { get; }

    /// <summary>The wall time of the writes so far, per kind of row (summed over the chunks).</summary>
    StepClock WriteClock { get; }

    /// <summary>Creates the schema and stores the catalog's tag definitions.</summary>
    Task InitializeAsync(CompiledCatalog catalog, DateTimeOffset asOf, CancellationToken cancellationToken);

    /// <summary>Stores one chunk: customers, events, scores, tag assignments and history, trigger firings and timers.</summary>
    Task WriteAsync(DemoChunk chunk, IReadOnlyList<DateTimeOffset> runs, CancellationToken cancellationToken);

    /// <summary>Finishes the file (indexes, statistics); the database is complete afterwards.</summary>
    Task CompleteAsync(CancellationToken cancellationToken);
}
