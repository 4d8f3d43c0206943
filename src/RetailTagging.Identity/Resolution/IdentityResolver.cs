using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RetailTagging.Identity;

/// <summary>
/// Identity resolution: turns source records into customers with stable ids, golden records,
/// a review queue and a history that can be undone. Records may be added one at a time or in bulk,
/// in any order: the customers are always those a single batch run over the same records and
/// decisions would give. Thread-safe; writers are serialised.
/// </summary>
public sealed class IdentityResolver : IDisposable
{
    private const int ChunkSize = 65_536;

    private readonly IdentityGraph _graph;
    private readonly IIdentityStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Lock _gate = new();
    private bool _initialized;

    /// <summary>Creates a resolver.</summary>
    /// <param name="options">The configuration; validated here (an <see cref="ArgumentException"/> names the bad setting).</param>
    /// <param name="store">Where records, decisions and history are kept; in memory when null.</param>
    /// <param name="timeProvider">The clock for decisions and history; the system clock when null.</param>
    /// <param name="logger">Diagnostics.</param>
    public IdentityResolver(IdentityResolutionOptions options, IIdentityStore? store = null, TimeProvider? timeProvider = null, ILogger<IdentityResolver>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _graph = new IdentityGraph(new CompiledOptions(options));
        _store = store ?? new InMemoryIdentityStore();
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The number of records.</summary>
    public int RecordCount { get { lock (_gate) { return _graph.RecordCount; } } }

    /// <summary>The number of customers.</summary>
    public int CustomerCount { get { lock (_gate) { return _graph.CustomerCount; } } }

    /// <summary>
    /// Loads the records and decisions already in the store. Call once before the first write when the
    /// store is persistent; later calls do nothing.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Adds or replaces (by id) one record and re-resolves the customers it touches.</summary>
    public Task<ResolutionResult> AddAsync(SourceRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return AddRangeAsync([record], cancellationToken);
    }

    /// <summary>Adds or replaces (by id) records in bulk; streams the input in chunks with bounded extra memory.</summary>
    public async Task<ResolutionResult> AddRangeAsync(IEnumerable<SourceRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
            var changes = new List<IdentityChange>();
            var issues = new List<IdentifierIssue>();
            // A list that fits in one chunk (every AddAsync, most host batches) is used as it is: no chunk copy.
            IEnumerable<IReadOnlyList<SourceRecord>> chunks = records is IReadOnlyList<SourceRecord> { Count: <= ChunkSize } list
                ? [list]
                : records.Chunk(ChunkSize);
            foreach (var chunk in chunks)
            {
                for (var i = 0; i < chunk.Count; i++)
                {
                    if (chunk[i] is null)
                    {
                        throw new ArgumentException("The records contain null.", nameof(records));
                    }
                }
                cancellationToken.ThrowIfCancellationRequested();
                await _store.SaveRecordsAsync(chunk, cancellationToken).ConfigureAwait(false);
                var prepared = _graph.PrepareAll(chunk, cancellationToken);
                List<IdentityChange> chunkChanges;
                List<RecordAssignment> assignments;
                lock (_gate)
                {
                    chunkChanges = _graph.Add(prepared, _time.GetUtcNow(), cancellationToken);
                    assignments = Drain();
                }
                changes.AddRange(chunkChanges);
                foreach (var p in prepared)
                {
                    issues.AddRange(p.Issues);
                }
                await PersistAsync(chunkChanges, assignments, cancellationToken).ConfigureAwait(false);
            }
            if (changes.Count > 0)
            {
                _logger.LogInformation("Identity resolution: {Changes} merges/splits of existing customers", changes.Count);
            }
            return Result(changes, issues);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>The customer with this id, or with an id it had before later merges and splits; null when unknown.</summary>
    public ResolvedCustomer? GetCustomer(string customerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        lock (_gate)
        {
            return _graph.FindCluster(customerId) is { } state ? _graph.Materialize(state) : null;
        }
    }

    /// <summary>The customer a record belongs to, or null when the record is unknown.</summary>
    public ResolvedCustomer? GetCustomerOfRecord(string recordId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recordId);
        lock (_gate)
        {
            return _graph.ClusterOfRecord(recordId) is { } state ? _graph.Materialize(state) : null;
        }
    }

    /// <summary>The current customer id of every record, in the order records were first added.</summary>
    public IReadOnlyList<RecordAssignment> GetAssignments()
    {
        lock (_gate)
        {
            return _graph.Assignments().Select(a => new RecordAssignment(a.RecordId, a.CustomerId)).ToArray();
        }
    }

    /// <summary>Every current customer id, sorted.</summary>
    public IReadOnlyList<string> GetCustomerIds()
    {
        lock (_gate)
        {
            return _graph.CustomerIds.Order(StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>The open review items, sorted by id.</summary>
    public IReadOnlyList<ReviewItem> GetReviewQueue()
    {
        lock (_gate)
        {
            return _graph.Reviews.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>Every invalid or blocked identifier of the current records.</summary>
    public IReadOnlyList<IdentifierIssue> GetIssues()
    {
        lock (_gate)
        {
            return _graph.Issues.ToArray();
        }
    }

    /// <summary>The decisions in force.</summary>
    public IReadOnlyList<IdentityDecision> GetDecisions()
    {
        lock (_gate)
        {
            return _graph.Decisions.OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>How two records score against each other, field by field (whether or not they share a block).</summary>
    public MatchExplanation? Explain(string leftRecordId, string rightRecordId)
    {
        lock (_gate)
        {
            return _graph.Explain(leftRecordId, rightRecordId);
        }
    }

    /// <summary>Approves a review item: its two records' customers are merged, even past an identifier limit.</summary>
    public Task<ResolutionResult> ApproveAsync(string reviewItemId, string? decidedBy = null, string? note = null, CancellationToken cancellationToken = default) =>
        DecideAsync(reviewItemId, DecisionKind.Link, decidedBy, note, cancellationToken);

    /// <summary>Rejects a review item: its two records never share a customer.</summary>
    public Task<ResolutionResult> RejectAsync(string reviewItemId, string? decidedBy = null, string? note = null, CancellationToken cancellationToken = default) =>
        DecideAsync(reviewItemId, DecisionKind.Separate, decidedBy, note, cancellationToken);

    /// <summary>Merges two customers by hand (a link between their oldest records).</summary>
    public async Task<ResolutionResult> MergeAsync(string customerId, string otherCustomerId, string? decidedBy = null, string? note = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(otherCustomerId);
        IdentityDecision decision;
        lock (_gate)
        {
            var a = _graph.FindCluster(customerId) ?? throw new ArgumentException($"No customer '{customerId}'.", nameof(customerId));
            var b = _graph.FindCluster(otherCustomerId) ?? throw new ArgumentException($"No customer '{otherCustomerId}'.", nameof(otherCustomerId));
            if (a.Id == b.Id) // a record alone gets a fresh state object on every lookup: compare ids
            {
                throw new ArgumentException($"'{customerId}' and '{otherCustomerId}' are already one customer ({a.Id}).");
            }
            decision = new IdentityDecision(DecisionKind.Link, [Anchor(a)], [Anchor(b)], _time.GetUtcNow()) { DecidedBy = decidedBy, Note = note };
        }
        return await ApplyDecisionAsync(decision, $"manual merge by {decidedBy ?? "unknown"}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Undoes one merge of a customer's <see cref="ResolvedCustomer.History"/>: a merge made by a
    /// decision is withdrawn; any other merge is kept apart by a separate-decision between its two sides.
    /// Golden records are recomputed; the old customer id still resolves (to the side holding its oldest record).
    /// </summary>
    public async Task<ResolutionResult> UnmergeAsync(string customerId, int stepSequence, string? decidedBy = null, string? note = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
            MergeStep step;
            lock (_gate)
            {
                var state = _graph.FindCluster(customerId) ?? throw new ArgumentException($"No customer '{customerId}'.", nameof(customerId));
                if (stepSequence < 0 || stepSequence >= state.Steps.Length)
                {
                    throw new ArgumentOutOfRangeException(nameof(stepSequence), $"Customer '{state.Id}' has {state.Steps.Length} merge step(s); {stepSequence} is not one of them.");
                }
                step = state.Steps[stepSequence];
            }
            var changes = new List<IdentityChange>();
            var cause = $"unmerge of '{step.Reason}' by {decidedBy ?? "unknown"}";
            if (step.DecisionId is { } decisionId)
            {
                await _store.DeleteDecisionAsync(decisionId, cancellationToken).ConfigureAwait(false);
                List<RecordAssignment> assignments;
                lock (_gate)
                {
                    changes.AddRange(_graph.RemoveDecision(decisionId, _time.GetUtcNow(), cause, cancellationToken));
                    assignments = Drain();
                }
                await PersistAsync(changes, assignments, cancellationToken).ConfigureAwait(false);
                bool apart;
                lock (_gate)
                {
                    apart = _graph.ClusterOfRecord(step.LeftRecordIds[0])?.Id != _graph.ClusterOfRecord(step.RightRecordIds[0])?.Id;
                }
                if (apart)
                {
                    return Result(changes, []);
                }
            }
            var separate = new IdentityDecision(DecisionKind.Separate, step.LeftRecordIds, step.RightRecordIds, _time.GetUtcNow()) { DecidedBy = decidedBy, Note = note };
            changes.AddRange(await ApplyDecisionCoreAsync(separate, cause, cancellationToken).ConfigureAwait(false));
            return Result(changes, []);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Withdraws a decision (e.g. a mistaken rejection); the customers it shaped are re-resolved.</summary>
    public async Task<ResolutionResult> WithdrawDecisionAsync(string decisionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(decisionId);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
            await _store.DeleteDecisionAsync(decisionId, cancellationToken).ConfigureAwait(false);
            List<IdentityChange> changes;
            List<RecordAssignment> assignments;
            lock (_gate)
            {
                if (_graph.GetDecision(decisionId) is null)
                {
                    throw new ArgumentException($"No decision '{decisionId}'.", nameof(decisionId));
                }
                changes = _graph.RemoveDecision(decisionId, _time.GetUtcNow(), $"decision {decisionId} withdrawn", cancellationToken);
                assignments = Drain();
            }
            await PersistAsync(changes, assignments, cancellationToken).ConfigureAwait(false);
            return Result(changes, []);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>The change history from the store, oldest first.</summary>
    public async Task<IReadOnlyList<IdentityChange>> GetHistoryAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<IdentityChange>();
        await foreach (var change in _store.ReadChangesAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(change);
        }
        return list;
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private string Anchor(IdentityGraph.ClusterState state) =>
        state.Members.Select(_graph.Get).Min(Comparer<PreparedRecord>.Create(PreparedRecord.CompareAnchor))!.Id;

    private async Task<ResolutionResult> DecideAsync(string reviewItemId, DecisionKind kind, string? decidedBy, string? note, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewItemId);
        ReviewItem item;
        lock (_gate)
        {
            item = _graph.Reviews.FirstOrDefault(r => r.Id == reviewItemId)
                ?? throw new ArgumentException($"No open review item '{reviewItemId}'.", nameof(reviewItemId));
        }
        var decision = new IdentityDecision(kind, [item.LeftRecordId], [item.RightRecordId], _time.GetUtcNow())
        {
            DecidedBy = decidedBy,
            Note = note,
            ReviewItemId = item.Id,
        };
        return await ApplyDecisionAsync(decision, $"review {item.Id} {(kind == DecisionKind.Link ? "approved" : "rejected")} by {decidedBy ?? "unknown"}", cancellationToken).ConfigureAwait(false);
    }

    private async Task<ResolutionResult> ApplyDecisionAsync(IdentityDecision decision, string cause, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
            return Result(await ApplyDecisionCoreAsync(decision, cause, cancellationToken).ConfigureAwait(false), []);
        }
        finally
        {
            _writer.Release();
        }
    }

    private async Task<List<IdentityChange>> ApplyDecisionCoreAsync(IdentityDecision decision, string cause, CancellationToken cancellationToken)
    {
        await _store.SaveDecisionAsync(decision, cancellationToken).ConfigureAwait(false);
        List<IdentityChange> changes;
        List<RecordAssignment> assignments;
        lock (_gate)
        {
            changes = _graph.AddDecision(decision, _time.GetUtcNow(), cause, cancellationToken);
            assignments = Drain();
        }
        await PersistAsync(changes, assignments, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Identity decision {DecisionId} ({Kind}) applied: {Changes} change(s)", decision.Id, decision.Kind, changes.Count);
        return changes;
    }

    private async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }
        var decisions = new List<IdentityDecision>();
        await foreach (var d in _store.ReadDecisionsAsync(cancellationToken).ConfigureAwait(false))
        {
            decisions.Add(d);
        }
        var batch = new List<SourceRecord>();
        await foreach (var r in _store.ReadRecordsAsync(cancellationToken).ConfigureAwait(false))
        {
            batch.Add(r);
        }
        lock (_gate)
        {
            foreach (var d in decisions)
            {
                _graph.AddDecision(d, _time.GetUtcNow(), "loaded", cancellationToken);
            }
            foreach (var chunk in batch.Chunk(ChunkSize))
            {
                _graph.Add(_graph.PrepareAll(chunk, cancellationToken), _time.GetUtcNow(), cancellationToken);
            }
            _graph.PendingAssignments.Clear();
        }
        _initialized = true;
        if (batch.Count > 0)
        {
            _logger.LogInformation("Identity resolution loaded {Records} records and {Decisions} decisions from the store", batch.Count, decisions.Count);
        }
    }

    private List<RecordAssignment> Drain()
    {
        var list = new List<RecordAssignment>(_graph.PendingAssignments);
        _graph.PendingAssignments.Clear();
        return list;
    }

    private async Task PersistAsync(List<IdentityChange> changes, List<RecordAssignment> assignments, CancellationToken cancellationToken)
    {
        if (changes.Count > 0)
        {
            await _store.AppendChangesAsync(changes, cancellationToken).ConfigureAwait(false);
        }
        if (assignments.Count > 0)
        {
            await _store.SaveAssignmentsAsync(assignments, cancellationToken).ConfigureAwait(false);
        }
    }

    private ResolutionResult Result(List<IdentityChange> changes, List<IdentifierIssue> issues)
    {
        lock (_gate)
        {
            return new ResolutionResult(_graph.RecordCount, _graph.CustomerCount, changes, issues);
        }
    }
}
