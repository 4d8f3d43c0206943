using RetailTagging.Identity;

namespace RetailTagging.Cli.Demo;

/// <summary>
/// An <see cref="IIdentityStore"/> that passes every call on and sums the wall time of the writes per kind, so the
/// demo can show how much of identity resolution is the resolver and how much is the database.
/// </summary>
internal sealed class TimedIdentityStore(IIdentityStore inner, StepClock clock) : IIdentityStore
{
    public const string Records = "source records";
    public const string Changes = "merge history";
    public const string Assignments = "record assignments";

    public async ValueTask SaveRecordsAsync(IReadOnlyList<SourceRecord> records, CancellationToken cancellationToken = default) =>
        await clock.TimeAsync(Records, () => inner.SaveRecordsAsync(records, cancellationToken).AsTask()).ConfigureAwait(false);

    public IAsyncEnumerable<SourceRecord> ReadRecordsAsync(CancellationToken cancellationToken = default) => inner.ReadRecordsAsync(cancellationToken);

    public ValueTask SaveDecisionAsync(IdentityDecision decision, CancellationToken cancellationToken = default) => inner.SaveDecisionAsync(decision, cancellationToken);

    public ValueTask DeleteDecisionAsync(string decisionId, CancellationToken cancellationToken = default) => inner.DeleteDecisionAsync(decisionId, cancellationToken);

    public IAsyncEnumerable<IdentityDecision> ReadDecisionsAsync(CancellationToken cancellationToken = default) => inner.ReadDecisionsAsync(cancellationToken);

    public async ValueTask AppendChangesAsync(IReadOnlyList<IdentityChange> changes, CancellationToken cancellationToken = default) =>
        await clock.TimeAsync(Changes, () => inner.AppendChangesAsync(changes, cancellationToken).AsTask()).ConfigureAwait(false);

    public IAsyncEnumerable<IdentityChange> ReadChangesAsync(CancellationToken cancellationToken = default) => inner.ReadChangesAsync(cancellationToken);

    public async ValueTask SaveAssignmentsAsync(IReadOnlyList<RecordAssignment> assignments, CancellationToken cancellationToken = default) =>
        await clock.TimeAsync(Assignments, () => inner.SaveAssignmentsAsync(assignments, cancellationToken).AsTask()).ConfigureAwait(false);
}
