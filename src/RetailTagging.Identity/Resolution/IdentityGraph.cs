namespace RetailTagging.Identity;

/// <summary>
/// The in-memory identity graph: normalised records, the key and block indexes, the candidate
/// components (a union-find that only ever grows) and the current customers. Every change marks
/// the candidate components it touches dirty; each dirty component is re-resolved from scratch by
/// the <see cref="ClusterEngine"/>, so the state is always the batch result for the current record
/// set and decisions, whatever the order and grouping of the calls. Not thread-safe: the
/// <see cref="IdentityResolver"/> serialises writers.
/// </summary>
internal sealed class IdentityGraph : IResolutionContext
{
    private const int ParallelThreshold = 256;

    internal sealed class ClusterState(string id, int[] members, MergeStep[] steps)
    {
        public string Id { get; } = id;
        public int[] Members { get; } = members;
        public MergeStep[] Steps { get; } = steps;
        public ResolvedCustomer? Cached { get; set; }
    }

    private readonly CompiledOptions _options;
    private readonly RecordPreparer _preparer;
    private readonly FuzzyScorer _scorer;
    private readonly ClusterEngine _engine;
    private readonly GoldenRecordBuilder _golden;
    private readonly List<PreparedRecord> _records = [];
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);
    private readonly KeyInterner _interner;
    private readonly KeyIndex _keyIndex;
    private readonly KeyIndex _blockIndex;

    // Candidate components: a union-find over record indexes (parent, size at the root) whose members form a
    // circular linked list (next), so a union splices two lists in O(1) and no record needs a list of its own.
    private readonly List<int> _parent = [];
    private readonly List<int> _next = [];
    private readonly List<int> _size = [];
    private readonly Dictionary<int, List<string>> _componentReviews = [];
    // Per record its customer's state: null until first resolved, _aloneState when the record is a customer of
    // its own with no history (most records: no state object, no entry in _clusters, the id derived on demand).
    private readonly List<ClusterState?> _clusterOf = [];
    private readonly ClusterState _aloneState = new("", [], []);
    private int _aloneCount;
    private readonly Dictionary<string, ClusterState> _clusters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReviewItem> _reviews = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IdentityDecision> _decisions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IdentityDecision>> _decisionsByRecord = new(StringComparer.Ordinal);

    public IdentityGraph(CompiledOptions options)
    {
        _options = options;
        _preparer = new RecordPreparer(options);
        _interner = new KeyInterner(options);
        _keyIndex = _interner.Rules;
        _blockIndex = _interner.Blocks;
        _scorer = new FuzzyScorer(options);
        _engine = new ClusterEngine(options, _scorer);
        _golden = new GoldenRecordBuilder(options);
    }

    public int RecordCount => _records.Count;

    /// <summary>Records whose customer changed since the owner last drained the list.</summary>
    public List<RecordAssignment> PendingAssignments { get; } = [];
    public int CustomerCount => _clusters.Count + _aloneCount;
    public IEnumerable<ReviewItem> Reviews => _reviews.Values;
    public IEnumerable<IdentityDecision> Decisions => _decisions.Values;
    public CompiledOptions Options => _options;

    // ---- IResolutionContext ----
    public bool IsHotKey(int key) => _keyIndex.Count(key) > _options.MaxRecordsPerValue;
    public bool IsHotBlock(int blockKey) => _blockIndex.Count(blockKey) > _options.MaxBlockSize;
    public string KeyText(int key) => _interner.RuleText(key);
    public PreparedRecord Get(int index) => _records[index];
    public PreparedRecord? Find(string recordId) => _byId.TryGetValue(recordId, out var i) ? _records[i] : null;
    public IEnumerable<IdentityDecision> DecisionsFor(string recordId) =>
        _decisionsByRecord.TryGetValue(recordId, out var l) ? l : Array.Empty<IdentityDecision>(); // not [] : that would be a new List

    public PreparedRecord Prepare(SourceRecord record) => _preparer.Prepare(record);

    public PreparedRecord[] PrepareAll(IReadOnlyList<SourceRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count >= ParallelThreshold)
        {
            return records.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(_preparer.Prepare).ToArray();
        }
        var prepared = new PreparedRecord[records.Count];
        for (var i = 0; i < prepared.Length; i++)
        {
            prepared[i] = _preparer.Prepare(records[i]);
        }
        return prepared;
    }

    /// <summary>Adds (or replaces, by id) prepared records and re-resolves what they touch.</summary>
    public List<IdentityChange> Add(PreparedRecord[] batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dirty = new HashSet<int>(batch.Length);
        var fresh = new HashSet<int>(batch.Length);
        var recluster = new List<int>();
        // Grow the big tables once per batch rather than by repeated doubling (each doubling copies them).
        var expected = _records.Count + batch.Length;
        _records.EnsureCapacity(expected);
        _parent.EnsureCapacity(expected);
        _next.EnsureCapacity(expected);
        _size.EnsureCapacity(expected);
        _clusterOf.EnsureCapacity(expected);
        var keys = 0;
        var blocks = 0;
        foreach (var b in batch)
        {
            _interner.AssignKeys(b);
            keys += b.Keys.Length;
            blocks += b.BlockKeys.Length;
        }
        Reserve(_byId, expected);
        _keyIndex.Reserve(keys);
        _blockIndex.Reserve(blocks);
        foreach (var p in batch)
        {
            int index;
            if (_byId.TryGetValue(p.Id, out index))
            {
                Unindex(_records[index], dirty);
                _records[index] = p;
                if (_clusterOf[index] is { } stale && !ReferenceEquals(stale, _aloneState))
                {
                    stale.Cached = null; // its golden record was built from the replaced record
                }
            }
            else
            {
                index = _records.Count;
                _records.Add(p);
                _byId[p.Id] = index;
                _parent.Add(index);
                _next.Add(index);
                _size.Add(1);
                _clusterOf.Add(null);
            }
            p.Index = index;
            fresh.Add(index);
            dirty.Add(index);
            foreach (var key in p.Keys)
            {
                var count = _keyIndex.Post(key, index, out var first);
                if (count == _options.MaxRecordsPerValue + 1)
                {
                    // The value just became junk: it links nobody, and the component it glued together is rebuilt.
                    recluster.Add(first);
                }
                else if (count > 1 && count <= _options.MaxRecordsPerValue)
                {
                    Union(index, first);
                }
            }
            foreach (var block in p.BlockKeys)
            {
                if (_blockIndex.Post(block, index, out _) == _options.MaxBlockSize + 1)
                {
                    // The block just became too big to compare in: pairs it produced no longer count.
                    foreach (var member in _blockIndex.Records(block))
                    {
                        dirty.Add(member);
                        recluster.Add(member);
                    }
                }
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (_options.FuzzyEnabled)
        {
            ScoreCandidates(fresh, cancellationToken);
        }
        if (recluster.Count > 0)
        {
            foreach (var root in recluster.Select(FindRoot).Distinct().ToArray())
            {
                dirty.UnionWith(Recluster(root));
            }
        }
        return Resolve(dirty, now, "records added", cancellationToken);
    }

    /// <summary>
    /// Makes room for a batch at once. Dictionary.EnsureCapacity grows to exactly what is asked (no doubling), so
    /// asking for "count + 1" on every single-record add would rehash the whole index each time: grow at least 2x.
    /// </summary>
    private static void Reserve<TKey, TValue>(Dictionary<TKey, TValue> dictionary, int needed)
        where TKey : notnull
    {
        if (needed > dictionary.Capacity)
        {
            dictionary.EnsureCapacity(Math.Max(needed, dictionary.Capacity * 2));
        }
    }

    private void Unindex(PreparedRecord old, HashSet<int> dirty)
    {
        foreach (var key in old.Keys)
        {
            _keyIndex.Unpost(key, old.Index);
        }
        foreach (var block in old.BlockKeys)
        {
            _blockIndex.Unpost(block, old.Index);
        }
        foreach (var (other, _) in old.Partners ?? [])
        {
            _records[other].Partners?.RemoveAll(p => p.Other == old.Index);
            dirty.Add(other);
        }
    }

    private void ScoreCandidates(HashSet<int> fresh, CancellationToken cancellationToken)
    {
        var review = _options.ReviewThreshold;
        List<(int A, int B, double Score)>? ScoreOne(int index)
        {
            var record = _records[index];
            List<(int, int, double)>? found = null;
            var compared = t_compared ??= [];
            compared.Clear();
            foreach (var block in record.BlockKeys)
            {
                if (_blockIndex.Count(block) > _options.MaxBlockSize)
                {
                    continue;
                }
                foreach (var other in _blockIndex.Records(block))
                {
                    // Each unordered pair once: a fresh record compares with old ones and with fresh ones of lower index.
                    if (other == index || (other > index && fresh.Contains(other)) || !compared.Add(other))
                    {
                        continue;
                    }
                    var score = _scorer.Score(record, _records[other]);
                    if (score >= review && score > 0)
                    {
                        (found ??= []).Add((index, other, score));
                    }
                }
            }
            return found;
        }
        if (fresh.Count < ParallelThreshold)
        {
            // Few records (every single-record add): score and link each in turn, without collecting the results.
            foreach (var index in fresh)
            {
                Link(ScoreOne(index));
            }
            return;
        }
        foreach (var found in fresh.AsParallel().WithCancellation(cancellationToken).Select(ScoreOne).ToList())
        {
            Link(found);
        }
    }

    /// <summary>Records scored candidate pairs as partners of both records and joins their candidate components.</summary>
    private void Link(List<(int A, int B, double Score)>? found)
    {
        if (found is null)
        {
            return;
        }
        foreach (var (a, b, score) in found)
        {
            (_records[a].Partners ??= []).Add((b, score));
            (_records[b].Partners ??= []).Add((a, score));
            Union(a, b);
        }
    }

    // Scratch for ScoreCandidates: which records one record was already compared with (one set per thread).
    [ThreadStatic]
    private static HashSet<int>? t_compared;

    private int FindRoot(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }
        return x;
    }

    private void Union(int a, int b)
    {
        var (ra, rb) = (FindRoot(a), FindRoot(b));
        if (ra == rb)
        {
            return;
        }
        var (big, small) = _size[ra] >= _size[rb] ? (ra, rb) : (rb, ra);
        _parent[small] = big;
        _size[big] += _size[small];
        // Splice the two circular member lists into one.
        (_next[big], _next[small]) = (_next[small], _next[big]);
        if (_componentReviews.Remove(small, out var reviews))
        {
            if (_componentReviews.TryGetValue(big, out var target))
            {
                target.AddRange(reviews);
            }
            else
            {
                _componentReviews[big] = reviews;
            }
        }
    }

    /// <summary>
    /// Recomputes the connectivity of one candidate component from its live links (keys that are not
    /// junk, fuzzy pairs in blocks that are not too big, link decisions), splitting it where a value that
    /// turned out to be junk had glued it together. Returns its members, which all need re-resolving.
    /// </summary>
    private int[] Recluster(int root)
    {
        var members = Members(root);
        if (_componentReviews.Remove(root, out var reviews))
        {
            // Reviews are recomputed with the component; the new components start without any.
            foreach (var id in reviews)
            {
                _reviews.Remove(id);
            }
        }
        foreach (var m in members)
        {
            _parent[m] = m;
            _next[m] = m;
            _size[m] = 1;
        }
        foreach (var m in members)
        {
            var record = _records[m];
            foreach (var key in record.Keys)
            {
                if (_keyIndex.Count(key) is > 1 and var count && count <= _options.MaxRecordsPerValue)
                {
                    Union(m, _keyIndex.First(key));
                }
            }
            foreach (var (other, _) in record.Partners ?? [])
            {
                if (record.BlockKeys.Any(b => !IsHotBlock(b) && Array.IndexOf(_records[other].BlockKeys, b) >= 0))
                {
                    Union(m, other);
                }
            }
            foreach (var decision in DecisionsFor(record.Id))
            {
                if (decision.Kind == DecisionKind.Link && _byId.TryGetValue(decision.LeftRecordIds[0], out var a) && _byId.TryGetValue(decision.RightRecordIds[0], out var b))
                {
                    Union(a, b);
                }
            }
        }
        return members;
    }

    /// <summary>The members of a candidate component, by walking its circular list from the root.</summary>
    private int[] Members(int root)
    {
        var members = new int[_size[root]];
        var at = root;
        for (var i = 0; i < members.Length; i++)
        {
            members[i] = at;
            at = _next[at];
        }
        return members;
    }

    /// <summary>Re-resolves the candidate components of the given records and applies the outcome.</summary>
    public List<IdentityChange> Resolve(IEnumerable<int> touched, DateTimeOffset now, string cause, CancellationToken cancellationToken)
    {
        var roots = new List<int>();
        var seen = new HashSet<int>();
        foreach (var t in touched)
        {
            var root = FindRoot(t);
            if (seen.Add(root))
            {
                roots.Add(root);
            }
        }
        // Components of one record (most of them) need no engine; the others are resolved on every core.
        var work = new List<(int Root, PreparedRecord[] Members)>();
        foreach (var root in roots)
        {
            if (_size[root] > 1)
            {
                work.Add((root, Array.ConvertAll(Members(root), i => _records[i])));
            }
        }
        ClusterEngine.Outcome[] outcomes;
        if (work.Count < ParallelThreshold)
        {
            outcomes = new ClusterEngine.Outcome[work.Count];
            for (var i = 0; i < outcomes.Length; i++)
            {
                outcomes[i] = _engine.Resolve(work[i].Members, this);
            }
        }
        else
        {
            outcomes = work.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(w => _engine.Resolve(w.Members, this)).ToArray();
        }
        var changes = new List<IdentityChange>();
        var next = 0;
        foreach (var root in roots)
        {
            if (_size[root] > 1)
            {
                Apply(root, outcomes[next++], now, cause, changes);
            }
            else
            {
                ApplySingle(root, now, changes);
            }
        }
        return changes;
    }

    /// <summary>
    /// <see cref="Apply"/> for a component of one record: the record is its own customer with no history and no
    /// review. Same effects, without the engine's outcome and the bookkeeping of merges and splits.
    /// </summary>
    private void ApplySingle(int index, DateTimeOffset now, List<IdentityChange> changes)
    {
        if (_componentReviews.Remove(index, out var oldReviews))
        {
            foreach (var reviewId in oldReviews)
            {
                _reviews.Remove(reviewId);
            }
        }
        var previous = _clusterOf[index];
        if (ReferenceEquals(previous, _aloneState))
        {
            return; // Same customer (named after this record), same record, no history: nothing changes.
        }
        var record = _records[index];
        var id = _options.CustomerIdPrefix + record.Id;
        if (previous is not null && _clusters.TryGetValue(previous.Id, out var registered) && ReferenceEquals(registered, previous))
        {
            _clusters.Remove(previous.Id);
        }
        if (previous?.Id != id)
        {
            PendingAssignments.Add(new RecordAssignment(record.Id, id));
        }
        SetState(index, _aloneState);
        if (previous is not null && previous.Id != id)
        {
            changes.Add(new IdentityChange(now, IdentityChangeKind.Merged, [previous.Id], [id], ""));
        }
    }

    /// <summary>Sets a record's customer state, keeping count of the records that are customers alone.</summary>
    private void SetState(int index, ClusterState state)
    {
        var alone = ReferenceEquals(state, _aloneState);
        var wasAlone = ReferenceEquals(_clusterOf[index], _aloneState);
        _aloneCount += (alone ? 1 : 0) - (wasAlone ? 1 : 0);
        _clusterOf[index] = state;
    }

    /// <summary>The id of a record's current customer (null before the record was first resolved).</summary>
    private string? CustomerIdOf(int index) => _clusterOf[index] switch
    {
        null => null,
        var alone when ReferenceEquals(alone, _aloneState) => _options.CustomerIdPrefix + _records[index].Id,
        var state => state.Id,
    };

    /// <summary>A record's customer state; for a record alone, a state made for the caller (not kept).</summary>
    private ClusterState? StateOf(int index) => ReferenceEquals(_clusterOf[index], _aloneState)
        ? new ClusterState(_options.CustomerIdPrefix + _records[index].Id, [index], [])
        : _clusterOf[index];

    private void Apply(int root, ClusterEngine.Outcome outcome, DateTimeOffset now, string cause, List<IdentityChange> changes)
    {
        if (_componentReviews.Remove(root, out var oldReviews))
        {
            foreach (var id in oldReviews)
            {
                _reviews.Remove(id);
            }
        }
        if (outcome.Reviews.Length > 0)
        {
            _componentReviews[root] = outcome.Reviews.Select(r => r.Id).ToList();
            foreach (var r in outcome.Reviews)
            {
                _reviews[r.Id] = r;
            }
        }

        var splitInto = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var cluster in outcome.Clusters)
        {
            var anchor = cluster.Members[0];
            var alone = cluster.Members.Length == 1 && cluster.Steps.Length == 0;
            var state = alone
                ? _aloneState
                : new ClusterState(_options.CustomerIdPrefix + anchor.Id, Array.ConvertAll(cluster.Members, static m => m.Index), cluster.Steps);
            var id = alone ? _options.CustomerIdPrefix + anchor.Id : state.Id;
            var previous = _clusterOf[anchor.Index];
            if (!alone && previous is not null && previous.Id == state.Id && Unchanged(previous, state))
            {
                // Same customer, same records, same history: keep the cached golden record.
                state.Cached = previous.Cached;
            }
            SortedSet<string>? before = null;
            foreach (var m in cluster.Members)
            {
                if (CustomerIdOf(m.Index) is { } oldId)
                {
                    var old = _clusterOf[m.Index]!;
                    (before ??= new SortedSet<string>(StringComparer.Ordinal)).Add(oldId);
                    if (!splitInto.TryGetValue(oldId, out var into))
                    {
                        splitInto[oldId] = into = new SortedSet<string>(StringComparer.Ordinal);
                    }
                    into.Add(id);
                    if (_clusters.TryGetValue(oldId, out var registered) && ReferenceEquals(registered, old))
                    {
                        _clusters.Remove(oldId);
                    }
                }
            }
            foreach (var m in cluster.Members)
            {
                if (CustomerIdOf(m.Index) != id)
                {
                    PendingAssignments.Add(new RecordAssignment(m.Id, id));
                }
                SetState(m.Index, state);
            }
            if (alone)
            {
                _clusters.Remove(id); // a state of an earlier run under this id (it held this record) is gone
            }
            else
            {
                _clusters[id] = state;
            }
            if (before is not null && (before.Count > 1 || (before.Count == 1 && before.Min != id)))
            {
                var reasons = string.Join("; ", cluster.Steps.Select(s => s.Reason).Distinct().Take(5));
                changes.Add(new IdentityChange(now, IdentityChangeKind.Merged, [.. before], [id], reasons));
            }
        }
        foreach (var (old, into) in splitInto)
        {
            if (into.Count > 1)
            {
                changes.Add(new IdentityChange(now, IdentityChangeKind.Split, [old], [.. into], cause));
            }
        }
    }

    /// <summary>Whether a re-resolved customer has exactly the records (all still pointing at the old state) and merge reasons it had.</summary>
    private bool Unchanged(ClusterState previous, ClusterState state)
    {
        if (previous.Members.Length != state.Members.Length || previous.Steps.Length != state.Steps.Length)
        {
            return false;
        }
        foreach (var i in state.Members)
        {
            if (!ReferenceEquals(_clusterOf[i], previous))
            {
                return false;
            }
        }
        for (var s = 0; s < state.Steps.Length; s++)
        {
            if (!string.Equals(previous.Steps[s].Reason, state.Steps[s].Reason, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    // ---- Decisions ----

    public List<IdentityChange> AddDecision(IdentityDecision decision, DateTimeOffset now, string cause, CancellationToken cancellationToken)
    {
        if (!_decisions.TryAdd(decision.Id, decision))
        {
            return [];
        }
        foreach (var id in decision.LeftRecordIds.Concat(decision.RightRecordIds))
        {
            Slot(_decisionsByRecord, id).Add(decision);
        }
        if (decision.Kind == DecisionKind.Link && _byId.TryGetValue(decision.LeftRecordIds[0], out var a) && _byId.TryGetValue(decision.RightRecordIds[0], out var b))
        {
            Union(a, b);
        }
        return Resolve(Touched(decision), now, cause, cancellationToken);
    }

    public List<IdentityChange> RemoveDecision(string decisionId, DateTimeOffset now, string cause, CancellationToken cancellationToken)
    {
        if (!_decisions.Remove(decisionId, out var decision))
        {
            return [];
        }
        foreach (var id in decision.LeftRecordIds.Concat(decision.RightRecordIds))
        {
            if (_decisionsByRecord.TryGetValue(id, out var list))
            {
                list.RemoveAll(d => d.Id == decisionId);
                if (list.Count == 0)
                {
                    _decisionsByRecord.Remove(id);
                }
            }
        }
        return Resolve(Touched(decision), now, cause, cancellationToken);
    }

    public IdentityDecision? GetDecision(string id) => _decisions.GetValueOrDefault(id);

    private IEnumerable<int> Touched(IdentityDecision decision) =>
        decision.LeftRecordIds.Concat(decision.RightRecordIds).Where(_byId.ContainsKey).Select(id => _byId[id]);

    private static List<IdentityDecision> Slot(Dictionary<string, List<IdentityDecision>> index, string key)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }
        return list;
    }

    // ---- Queries ----

    public ClusterState? FindCluster(string customerOrRecordId)
    {
        if (_clusters.TryGetValue(customerOrRecordId, out var state))
        {
            return state;
        }
        // Ids are the prefix plus a record id, so an id issued before a merge or split still resolves.
        var prefix = _options.CustomerIdPrefix;
        if (customerOrRecordId.StartsWith(prefix, StringComparison.Ordinal) && _byId.TryGetValue(customerOrRecordId[prefix.Length..], out var index))
        {
            return StateOf(index);
        }
        return null;
    }

    public ClusterState? ClusterOfRecord(string recordId) => _byId.TryGetValue(recordId, out var i) ? StateOf(i) : null;

    /// <summary>Every current customer id (records alone included), unordered.</summary>
    public IEnumerable<string> CustomerIds =>
        _clusters.Keys.Concat(Enumerable.Range(0, _records.Count).Where(i => ReferenceEquals(_clusterOf[i], _aloneState)).Select(i => CustomerIdOf(i)!));

    public IEnumerable<(string RecordId, string CustomerId)> Assignments() =>
        _records.Select(r => (r.Id, CustomerIdOf(r.Index)!));

    public IEnumerable<IdentifierIssue> Issues => _records.SelectMany(r => r.Issues);

    public ResolvedCustomer Materialize(ClusterState state)
    {
        if (state.Cached is { } cached)
        {
            return cached;
        }
        var records = state.Members.Select(i => _records[i]).OrderBy(r => r, Comparer<PreparedRecord>.Create(PreparedRecord.CompareAnchor)).ToArray();
        var golden = _golden.Build(state.Id, records);
        var resolved = new ResolvedCustomer
        {
            Id = state.Id,
            RecordIds = records.Select(r => r.Id).ToArray(),
            Golden = golden,
            History = state.Steps,
            Customer = CustomerProjection.ToCustomer(golden, records),
            Events = CustomerProjection.Events(state.Id, records),
        };
        state.Cached = resolved;
        return resolved;
    }

    public MatchExplanation? Explain(string leftRecordId, string rightRecordId) =>
        Find(leftRecordId) is { } a && Find(rightRecordId) is { } b ? _scorer.Explain(a, b) : null;
}
