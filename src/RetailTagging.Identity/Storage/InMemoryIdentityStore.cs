using System.Runtime.CompilerServices;

namespace RetailTagging.Identity;

/// <summary>The default store: everything in process memory, thread-safe, lost on exit.</summary>
public sealed class InMemoryIdentityStore : IIdentityStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SourceRecord> _records = new(StringComparer.Ordinal);
    private readonly List<string> _recordOrder = [];
    private readonly Dictionary<string, IdentityDecision> _decisions = new(StringComparer.Ordinal);
    private readonly List<IdentityChange> _changes = [];
    private readonly Dictionary<string, string> _assignments = new(StringComparer.Ordinal);

    /// <summary>The number of stored records.</summary>
    public int RecordCount { get { lock (_gate) { return _records.Count; } } }

    /// <summary>The stored customer of a record, or null.</summary>
    public string? GetAssignment(string recordId)
    {
        lock (_gate)
        {
            return _assignments.GetValueOrDefault(recordId);
        }
    }

    /// <inheritdoc />
    public ValueTask SaveRecordsAsync(IReadOnlyList<SourceRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        lock (_gate)
        {
            foreach (var r in records)
            {
                if (!_records.ContainsKey(r.Id))
                {
                    _recordOrder.Add(r.Id);
                }
                _records[r.Id] = r;
            }
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<SourceRecord> ReadRecordsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Yield(_recordOrder.Select(id => _records[id]).ToArray(), cancellationToken);
        }
    }

    /// <inheritdoc />
    public ValueTask SaveDecisionAsync(IdentityDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        lock (_gate)
        {
            _decisions[decision.Id] = decision;
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DeleteDecisionAsync(string decisionId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _decisions.Remove(decisionId);
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<IdentityDecision> ReadDecisionsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Yield(_decisions.Values.OrderBy(d => d.DecidedAt).ThenBy(d => d.Id, StringComparer.Ordinal).ToArray(), cancellationToken);
        }
    }

    /// <inheritdoc />
    public ValueTask AppendChangesAsync(IReadOnlyList<IdentityChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_gate)
        {
            _changes.AddRange(changes);
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<IdentityChange> ReadChangesAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Yield(_changes.ToArray(), cancellationToken);
        }
    }

    /// <inheritdoc />
    public ValueTask SaveAssignmentsAsync(IReadOnlyList<RecordAssignment> assignments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        lock (_gate)
        {
            foreach (var a in assignments)
            {
                _assignments[a.RecordId] = a.CustomerId;
            }
        }
        return ValueTask.CompletedTask;
    }

    private static async IAsyncEnumerable<T> Yield<T>(T[] items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }
}
