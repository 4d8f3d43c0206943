namespace RetailTagging.Storage;

/// <summary>
/// The append-only event log. Appends are idempotent by event id: an event already stored is reported
/// as a duplicate and not stored again; an invalid event is rejected with its reasons while the valid
/// ones of the same call are stored.
/// </summary>
public interface IEventStore
{
    /// <summary>Appends events; never throws for a duplicate or invalid event.</summary>
    ValueTask<EventAppendResult> AppendEventsAsync(IReadOnlyList<CustomerEvent> events, CancellationToken cancellationToken = default);

    /// <summary>One customer's events in time order (then by id), optionally only those at or after <paramref name="since"/>.</summary>
    IAsyncEnumerable<CustomerEvent> ReadEventsAsync(string customerId, DateTimeOffset? since = null, CancellationToken cancellationToken = default);
}
