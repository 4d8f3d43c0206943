namespace RetailTagging.Identity;

/// <summary>
/// Where identity resolution keeps what must outlive the process: the source records, the
/// people's decisions, the change history and the current record-to-customer assignment.
/// Customers themselves are derived (a function of records and decisions), so a store never has to
/// merge anything; <see cref="IdentityResolver.InitializeAsync"/> rebuilds them on start.
/// The in-memory default is <see cref="InMemoryIdentityStore"/>; the EF Core adapter supplies a database one.
/// </summary>
public interface IIdentityStore
{
    /// <summary>Inserts or replaces (by id) source records.</summary>
    ValueTask SaveRecordsAsync(IReadOnlyList<SourceRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Every stored source record.</summary>
    IAsyncEnumerable<SourceRecord> ReadRecordsAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces (by id) a decision.</summary>
    ValueTask SaveDecisionAsync(IdentityDecision decision, CancellationToken cancellationToken = default);

    /// <summary>Deletes a decision; no error when it does not exist.</summary>
    ValueTask DeleteDecisionAsync(string decisionId, CancellationToken cancellationToken = default);

    /// <summary>Every stored decision.</summary>
    IAsyncEnumerable<IdentityDecision> ReadDecisionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Appends entries to the change history.</summary>
    ValueTask AppendChangesAsync(IReadOnlyList<IdentityChange> changes, CancellationToken cancellationToken = default);

    /// <summary>The change history, oldest first.</summary>
    IAsyncEnumerable<IdentityChange> ReadChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>Records the current customer of each given record (for joins in the host's database).</summary>
    ValueTask SaveAssignmentsAsync(IReadOnlyList<RecordAssignment> assignments, CancellationToken cancellationToken = default);
}

/// <summary>Which customer a record currently belongs to.</summary>
/// <param name="RecordId">The record.</param>
/// <param name="CustomerId">Its customer.</param>
public readonly record struct RecordAssignment(string RecordId, string CustomerId);
