using System.Runtime.CompilerServices;
using RetailTagging.Engine;
using RetailTagging.Language;

namespace RetailTagging.Storage;

/// <summary>
/// The in-process default for <see cref="ICustomerStore"/>, <see cref="IEventStore"/> and <see cref="ITagStore"/>:
/// thread-safe, nothing survives the process. The EF Core adapter provides durable stores with the same behaviour.
/// </summary>
public sealed class InMemoryTaggingStore : ICustomerStore, IEventStore, ITagStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Customer> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CustomerEvent>> _events = new(StringComparer.Ordinal);
    private readonly HashSet<string> _eventIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TagSet> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TagChange>> _history = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ManualTagDecision>> _manual = new(StringComparer.Ordinal);
    private readonly TagSchema _schema;

    /// <summary>Creates an empty store that validates events against <paramref name="schema"/> (the default schema when omitted).</summary>
    public InMemoryTaggingStore(TagSchema? schema = null) => _schema = schema ?? TagSchema.Default;

    /// <inheritdoc />
    public ValueTask UpsertCustomersAsync(IReadOnlyList<Customer> customers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customers);
        lock (_gate)
            foreach (var customer in customers) _customers[customer.Id] = customer;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<Customer?> FindCustomerAsync(string customerId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return ValueTask.FromResult(_customers.GetValueOrDefault(customerId));
    }

    /// <inheritdoc />
    public ValueTask<EventAppendResult> AppendEventsAsync(IReadOnlyList<CustomerEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var stored = 0;
        var duplicates = new List<string>();
        var rejected = new List<RejectedEvent>();
        lock (_gate)
        {
            foreach (var e in events)
            {
                var reasons = EventValidator.Validate(e, _schema);
                if (reasons.Count > 0) { rejected.Add(new RejectedEvent(e?.Id, string.Join("; ", reasons))); continue; }
                if (!_eventIds.Add(e!.Id)) { duplicates.Add(e.Id); continue; }
                if (!_events.TryGetValue(e.CustomerId, out var list)) _events[e.CustomerId] = list = [];
                list.Add(e);
                stored++;
            }
        }
        return ValueTask.FromResult(new EventAppendResult(stored, duplicates, rejected));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<CustomerEvent> ReadEventsAsync(string customerId, DateTimeOffset? since = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        CustomerEvent[] snapshot;
        lock (_gate)
            snapshot = _events.TryGetValue(customerId, out var list)
                ? list.Where(e => since is null || e.At >= since).OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal).ToArray()
                : [];
        foreach (var e in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<TagSet?> GetTagsAsync(string customerId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return ValueTask.FromResult(_tags.GetValueOrDefault(customerId));
    }

    /// <inheritdoc />
    public ValueTask SaveAsync(TagSet tags, IReadOnlyList<TagChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(changes);
        lock (_gate)
        {
            _tags[tags.CustomerId] = tags;
            if (changes.Count == 0) return ValueTask.CompletedTask;
            if (!_history.TryGetValue(tags.CustomerId, out var list)) _history[tags.CustomerId] = list = [];
            list.AddRange(changes);
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<TagChange> ReadHistoryAsync(string customerId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Snapshot(_history, customerId, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask SaveManualDecisionAsync(ManualTagDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        lock (_gate)
        {
            if (!_manual.TryGetValue(decision.CustomerId, out var list)) _manual[decision.CustomerId] = list = [];
            list.RemoveAll(d => d.Tag == decision.Tag && d.DecidedAt == decision.DecidedAt && d.DecidedBy == decision.DecidedBy);
            list.Add(decision);
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ManualTagDecision> ReadManualDecisionsAsync(string customerId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Snapshot(_manual, customerId, cancellationToken);
    }

    private static async IAsyncEnumerable<T> Enumerate<T>(T[] items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static IAsyncEnumerable<T> Snapshot<T>(Dictionary<string, List<T>> source, string customerId, CancellationToken cancellationToken) =>
        Enumerate(source.TryGetValue(customerId, out var list) ? list.ToArray() : [], cancellationToken);
}
