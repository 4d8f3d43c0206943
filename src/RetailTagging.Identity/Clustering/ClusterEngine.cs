using System.Security.Cryptography;
using System.Text;

namespace RetailTagging.Identity;

/// <summary>
/// Resolves one candidate component (records connected by any shared key, fuzzy candidate pair or
/// link decision) into customers. The result is a pure function of the component's record SET and
/// the decisions: records are ordered by (creation time, id); links are tried in a fixed order
/// (decisions, then rule keys by rule priority, key size and value, then fuzzy pairs by score), and
/// a link that would break a limit or a separate-decision is refused. No step depends on the order
/// in which records arrived.
/// </summary>
internal sealed class ClusterEngine(CompiledOptions options, FuzzyScorer scorer)
{
    private CompiledOptions Options { get; } = options;
    private FuzzyScorer Scorer { get; } = scorer;

    private const char Separator = '\u001F';

    public sealed record Cluster(PreparedRecord[] Members, MergeStep[] Steps);

    public sealed record Outcome(Cluster[] Clusters, ReviewItem[] Reviews);

    private enum Verdict { Ok, Limit, Separated, Conflict }

    public Outcome Resolve(PreparedRecord[] members, IResolutionContext context)
    {
        if (members.Length == 1)
        {
            return new Outcome([new Cluster(members, [])], []);
        }
        Array.Sort(members, PreparedRecord.CompareAnchor);
        for (var i = 0; i < members.Length; i++)
        {
            members[i].Local = i;
        }
        var run = new Run(this, members, context);
        run.ApplyDecisions();
        run.ApplyRuleKeys();
        if (Options.FuzzyEnabled)
        {
            run.ApplyFuzzyPairs();
        }
        return run.Finish();
    }

    internal static string ReviewId(string a, string b)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(a + "\u001F" + b));
        return "review-" + Convert.ToHexStringLower(digest, 0, 10);
    }

    /// <summary>The mutable state of one resolution: a union-find whose root is always the cluster's oldest record.</summary>
    private sealed class Run
    {
        private readonly ClusterEngine _engine;
        private readonly PreparedRecord[] _members;
        private readonly IResolutionContext _context;
        private readonly int[] _parent;
        // Members of each cluster: a circular linked list through _next, its length at the root.
        private readonly int[] _next;
        private readonly int[] _count;
        // Per cluster root and limited type (or conflict field), its distinct values: flat arrays indexed
        // root * width + slot. The arrays are never modified (a merge that adds values makes a new one), so
        // they start out shared with the records.
        private readonly string[]?[] _limitValues;
        private readonly string[]?[] _conflictValues;
        private readonly int _limited;
        private readonly int _conflictFields;
        private readonly List<(int Decision, bool Left)>?[] _constraints;
        private readonly List<(long Order, MergeStep Step)>?[] _steps;
        private readonly List<IdentityDecision> _links = [];
        private readonly List<(int A, int B, ReviewKind Kind, string Reason, double? Score)> _doubts = [];
        private long _order;

        public Run(ClusterEngine engine, PreparedRecord[] members, IResolutionContext context)
        {
            _engine = engine;
            _members = members;
            _context = context;
            var n = members.Length;
            _parent = new int[n];
            _next = new int[n];
            _count = new int[n];
            _conflictFields = engine.Options.ConflictFields.Length;
            _limited = engine.Options.LimitedTypes.Length;
            _limitValues = new string[]?[n * _limited];
            _conflictValues = new string[]?[n * _conflictFields];
            _constraints = new List<(int, bool)>?[n];
            _steps = new List<(long, MergeStep)>?[n];
            for (var i = 0; i < n; i++)
            {
                _parent[i] = i;
                _next[i] = i;
                _count[i] = 1;
                members[i].ConflictValues.CopyTo(_conflictValues, i * _conflictFields);
                members[i].LimitValues.CopyTo(_limitValues, i * _limited);
            }
        }

        /// <summary>The locals of a cluster, ascending.</summary>
        private int[] MembersOf(int root)
        {
            var locals = new int[_count[root]];
            var at = root;
            for (var i = 0; i < locals.Length; i++)
            {
                locals[i] = at;
                at = _next[at];
            }
            Array.Sort(locals);
            return locals;
        }

        /// <summary>The first of <paramref name="locals"/> (ascending) that belongs to the cluster with this root.</summary>
        private int FirstIn(List<int> locals, int root)
        {
            foreach (var l in locals)
            {
                if (Find(l) == root)
                {
                    return l;
                }
            }
            throw new InvalidOperationException("The cluster has no record with the key.");
        }

        /// <summary>The union of two value sets (a's values, then b's new ones); a itself when b adds nothing.</summary>
        private static string[]? Union(string[]? a, string[]? b)
        {
            if (b is null)
            {
                return a;
            }
            if (a is null)
            {
                return b;
            }
            var added = 0;
            foreach (var v in b)
            {
                if (Array.IndexOf(a, v) < 0)
                {
                    added++;
                }
            }
            if (added == 0)
            {
                return a;
            }
            var union = new string[a.Length + added];
            a.CopyTo(union, 0);
            var at = a.Length;
            foreach (var v in b)
            {
                if (Array.IndexOf(a, v) < 0 && Array.IndexOf(union, v, a.Length, at - a.Length) < 0)
                {
                    union[at++] = v;
                }
            }
            return at == union.Length ? union : union[..at];
        }

        private int? LocalOf(string recordId) =>
            _context.Find(recordId) is { Local: >= 0 } r && r.Local < _members.Length && ReferenceEquals(_members[r.Local], r) ? r.Local : null;

        private int Find(int x)
        {
            while (_parent[x] != x)
            {
                _parent[x] = _parent[_parent[x]];
                x = _parent[x];
            }
            return x;
        }

        public void ApplyDecisions()
        {
            HashSet<string>? seen = null;
            var separates = new List<IdentityDecision>();
            foreach (var member in _members)
            {
                foreach (var decision in _context.DecisionsFor(member.Id))
                {
                    if ((seen ??= new HashSet<string>(StringComparer.Ordinal)).Add(decision.Id))
                    {
                        (decision.Kind == DecisionKind.Link ? _links : separates).Add(decision);
                    }
                }
            }
            if (seen is null)
            {
                return; // No decision names any record of the component (the usual case).
            }
            separates.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
            for (var d = 0; d < separates.Count; d++)
            {
                foreach (var (ids, left) in new[] { (separates[d].LeftRecordIds, true), (separates[d].RightRecordIds, false) })
                {
                    foreach (var id in ids)
                    {
                        if (LocalOf(id) is { } local)
                        {
                            (_constraints[local] ??= []).Add((d, left));
                        }
                    }
                }
            }
            _links.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
            foreach (var link in _links)
            {
                if (LocalOf(link.LeftRecordIds[0]) is { } a && LocalOf(link.RightRecordIds[0]) is { } b)
                {
                    var (ra, rb) = (Find(a), Find(b));
                    if (ra != rb && Check(ra, rb, ignoreLimits: true, out _) == Verdict.Ok)
                    {
                        Merge(ra, rb, MergeReasonKind.Decision, $"decision {link.Id}" + (link.DecidedBy is null ? "" : $" by {link.DecidedBy}") + (link.Note is null ? "" : $": {link.Note}"), null, link.Id);
                    }
                }
            }
        }

        public void ApplyRuleKeys()
        {
            var rules = _engine.Options.Rules;
            foreach (var (key, rule, locals) in SharedKeys())
            {
                var roots = new List<int>(locals.Count);
                foreach (var l in locals)
                {
                    var r = Find(l);
                    if (!roots.Contains(r))
                    {
                        roots.Add(r);
                    }
                }
                if (roots.Count < 2)
                {
                    continue;
                }
                roots.Sort();
                var reason = $"{rules[rule].Name} ({key[(key.IndexOf(Separator) + 1)..].Replace(Separator.ToString(), " + ", StringComparison.Ordinal)})";
                var conflictFields = rules[rule].ConflictFields;
                // A cluster compatible with two clusters that conflict with each other (a nameless record
                // on a family phone) cannot be attributed: it links to none of them and goes to review.
                // Without such clusters compatibility is transitive, so first fit finds the same groups
                // in any order.
                HashSet<int>? ambiguous = null;
                if (conflictFields.Length > 0 && roots.Count > 2)
                {
                    foreach (var c in roots)
                    {
                        var compatible = roots.Where(o => o != c && !Conflicting(c, o, conflictFields)).ToList();
                        var clash = compatible.Any(a => compatible.Any(b => a < b && Conflicting(a, b, conflictFields)));
                        if (clash)
                        {
                            (ambiguous ??= []).Add(c);
                            var mine = FirstIn(locals, c);
                            foreach (var o in compatible)
                            {
                                _doubts.Add((FirstIn(locals, o), mine, ReviewKind.SharedIdentifier,
                                    $"{reason} is shared by customers who conflict with each other; the record cannot be attributed", null));
                            }
                        }
                    }
                }
                var bins = new List<int>();
                foreach (var root in roots)
                {
                    if (ambiguous?.Contains(root) == true)
                    {
                        continue;
                    }
                    var placed = false;
                    foreach (var bin in bins)
                    {
                        if (TryJoin(Find(bin), root, locals, conflictFields, reason))
                        {
                            placed = true;
                            break;
                        }
                    }
                    if (!placed)
                    {
                        bins.Add(root);
                    }
                }
            }
        }

        private bool TryJoin(int bin, int root, List<int> locals, int[] conflictFields, string reason)
        {
            if (bin == root)
            {
                return true;
            }
            if (Conflicting(bin, root, conflictFields))
            {
                return false; // e.g. two people sharing a family phone: not this rule's link to make
            }
            var verdict = Check(bin, root, ignoreLimits: false, out var why);
            if (verdict == Verdict.Ok)
            {
                Merge(bin, root, MergeReasonKind.Rule, reason, null, null);
                return true;
            }
            if (verdict == Verdict.Limit)
            {
                var a = FirstIn(locals, bin);
                var b = FirstIn(locals, root);
                _doubts.Add((a, b, ReviewKind.LimitConflict, $"{reason} would give one customer {why}", null));
            }
            return false;
        }

        /// <summary>
        /// The rule keys at least two records of the component share (and that are not junk), in linking order:
        /// by rule priority, rule, number of records (rarer values are more specific: they link first), then key;
        /// each with the rule of its first occurrence and its records ascending.
        /// </summary>
        private List<(string Key, int Rule, List<int> Locals)> SharedKeys()
        {
            // Keys are interned ids: equal ids are equal keys, so grouping needs no strings; only the shared keys
            // (a few per component) get their text, which orders them and names them in merge reasons.
            var entries = new List<(int Key, int Rule, int Local, int Sequence)>();
            for (var i = 0; i < _members.Length; i++)
            {
                var m = _members[i];
                for (var k = 0; k < m.Keys.Length; k++)
                {
                    entries.Add((m.Keys[k], m.KeyRules[k], i, entries.Count));
                }
            }
            entries.Sort(static (x, y) =>
            {
                var c = x.Key.CompareTo(y.Key);
                return c != 0 ? c : x.Sequence.CompareTo(y.Sequence);
            });
            var shared = new List<(string Key, int Rule, List<int> Locals)>();
            for (var start = 0; start < entries.Count;)
            {
                var end = start + 1;
                while (end < entries.Count && entries[end].Key == entries[start].Key)
                {
                    end++;
                }
                if (end - start > 1 && !_context.IsHotKey(entries[start].Key))
                {
                    var locals = new List<int>(end - start);
                    for (var e = start; e < end; e++)
                    {
                        locals.Add(entries[e].Local);
                    }
                    locals.Sort();
                    shared.Add((_context.KeyText(entries[start].Key), entries[start].Rule, locals));
                }
                start = end;
            }
            var rules = _engine.Options.Rules;
            shared.Sort((x, y) =>
            {
                var c = rules[x.Rule].Priority.CompareTo(rules[y.Rule].Priority);
                if (c == 0) c = x.Rule.CompareTo(y.Rule);
                if (c == 0) c = x.Locals.Count.CompareTo(y.Locals.Count);
                return c != 0 ? c : string.CompareOrdinal(x.Key, y.Key);
            });
            return shared;
        }

        public void ApplyFuzzyPairs()
        {
            var pairs = new List<(double Score, int A, int B)>();
            for (var i = 0; i < _members.Length; i++)
            {
                if (_members[i].Partners is not { } partners)
                {
                    continue;
                }
                foreach (var (other, score) in partners)
                {
                    var o = _context.Get(other);
                    if (o.Local > i && o.Local < _members.Length && ReferenceEquals(_members[o.Local], o) && SharesLiveBlock(_members[i], o))
                    {
                        pairs.Add((score, i, o.Local));
                    }
                }
            }
            pairs.Sort((x, y) => y.Score != x.Score ? y.Score.CompareTo(x.Score) : x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B));
            var auto = _engine.Options.AutoMergeThreshold;
            foreach (var (score, a, b) in pairs)
            {
                var (ra, rb) = (Find(a), Find(b));
                if (ra == rb)
                {
                    continue;
                }
                if (score < auto)
                {
                    _doubts.Add((a, b, ReviewKind.FuzzyMatch, $"fuzzy match probability {score:0.000} is between the review ({_engine.Options.ReviewThreshold}) and auto-merge ({auto}) thresholds", score));
                    continue;
                }
                var verdict = Check(Math.Min(ra, rb), Math.Max(ra, rb), ignoreLimits: false, out var why);
                if (verdict == Verdict.Ok)
                {
                    var explanation = _engine.Scorer.Explain(_members[a], _members[b]);
                    Merge(ra, rb, MergeReasonKind.Fuzzy, $"fuzzy match {explanation}", score, null);
                }
                else if (verdict == Verdict.Limit)
                {
                    _doubts.Add((a, b, ReviewKind.LimitConflict, $"fuzzy match (p={score:0.000}) would give one customer {why}", score));
                }
            }
        }

        private bool SharesLiveBlock(PreparedRecord a, PreparedRecord b)
        {
            foreach (var x in a.BlockKeys)
            {
                foreach (var y in b.BlockKeys)
                {
                    if (x == y && !_context.IsHotBlock(x))
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        /// <summary>Whether two clusters both have values of a conflict field and no value of one is compatible with one of the other.</summary>
        private bool Conflicting(int ra, int rb, int[] fields)
        {
            foreach (var f in fields)
            {
                if (_conflictValues[ra * _conflictFields + f] is not { } a || _conflictValues[rb * _conflictFields + f] is not { } b)
                {
                    continue;
                }
                var compatible = false;
                foreach (var x in a)
                {
                    foreach (var y in b)
                    {
                        if (x.StartsWith(y, StringComparison.Ordinal) || y.StartsWith(x, StringComparison.Ordinal))
                        {
                            compatible = true;
                            break;
                        }
                    }
                    if (compatible)
                    {
                        break;
                    }
                }
                if (!compatible)
                {
                    return true;
                }
            }
            return false;
        }

        private Verdict Check(int ra, int rb, bool ignoreLimits, out string? why)
        {
            why = null;
            if (_constraints[ra] is { } ca && _constraints[rb] is { } cb)
            {
                foreach (var (d, left) in ca)
                {
                    foreach (var (e, otherLeft) in cb)
                    {
                        if (d == e && left != otherLeft)
                        {
                            return Verdict.Separated;
                        }
                    }
                }
            }
            if (ignoreLimits)
            {
                return Verdict.Ok;
            }
            var limits = _engine.Options.Limits;
            for (var t = 0; t < limits.Length; t++)
            {
                if (_limitValues[ra * _limited + t] is not { } a || _limitValues[rb * _limited + t] is not { } b)
                {
                    continue;
                }
                var union = a.Length;
                foreach (var v in b)
                {
                    if (Array.IndexOf(a, v) < 0)
                    {
                        union++;
                    }
                }
                // A merge may not add values past the limit; a record that alone exceeds it may still gain records without new values.
                if (union > limits[t] && union > Math.Max(a.Length, b.Length))
                {
                    why = $"{union} distinct {_engine.Options.LimitedTypes[t]} values (limit {limits[t]})";
                    return Verdict.Limit;
                }
            }
            return Verdict.Ok;
        }

        private void Merge(int ra, int rb, MergeReasonKind kind, string reason, double? score, string? decisionId)
        {
            var (root, other) = ra < rb ? (ra, rb) : (rb, ra);
            var step = new MergeStep(0, Ids(root), Ids(other), kind, reason, score, decisionId);
            _parent[other] = root;
            _count[root] += _count[other];
            (_next[root], _next[other]) = (_next[other], _next[root]);
            for (var t = 0; t < _limited; t++)
            {
                _limitValues[root * _limited + t] = Union(_limitValues[root * _limited + t], _limitValues[other * _limited + t]);
            }
            for (var f = 0; f < _conflictFields; f++)
            {
                _conflictValues[root * _conflictFields + f] = Union(_conflictValues[root * _conflictFields + f], _conflictValues[other * _conflictFields + f]);
            }
            if (_constraints[other] is { } constraints)
            {
                (_constraints[root] ??= []).AddRange(constraints);
            }
            var steps = _steps[root] ??= [];
            if (_steps[other] is { } otherSteps)
            {
                steps.AddRange(otherSteps);
            }
            steps.Add((_order++, step));
        }

        private string[] Ids(int root) => Array.ConvertAll(MembersOf(root), l => _members[l].Id);

        public Outcome Finish()
        {
            var clusters = new List<Cluster>();
            for (var i = 0; i < _members.Length; i++)
            {
                if (Find(i) == i)
                {
                    MergeStep[] steps = [];
                    if (_steps[i] is { } list)
                    {
                        list.Sort(static (x, y) => x.Order.CompareTo(y.Order));
                        steps = new MergeStep[list.Count];
                        for (var n = 0; n < steps.Length; n++)
                        {
                            steps[n] = list[n].Step with { Sequence = n };
                        }
                    }
                    clusters.Add(new Cluster(Array.ConvertAll(MembersOf(i), l => _members[l]), steps));
                }
            }
            var reviews = new List<ReviewItem>();
            HashSet<(int, int)>? asked = null;
            foreach (var (a, b, kind, reason, score) in _doubts)
            {
                var (ra, rb) = (Find(a), Find(b));
                if (ra == rb || Check(Math.Min(ra, rb), Math.Max(ra, rb), ignoreLimits: true, out _) == Verdict.Separated || !(asked ??= []).Add((Math.Min(ra, rb), Math.Max(ra, rb))))
                {
                    continue;
                }
                var (left, right) = string.CompareOrdinal(_members[a].Id, _members[b].Id) < 0 ? (_members[a], _members[b]) : (_members[b], _members[a]);
                var explanation = kind == ReviewKind.FuzzyMatch || score is not null ? _engine.Scorer.Explain(left, right) : null;
                reviews.Add(new ReviewItem(ReviewId(left.Id, right.Id), kind, left.Id, right.Id, reason, score, explanation));
            }
            foreach (var m in _members)
            {
                m.Local = -1;
            }
            return new Outcome([.. clusters], [.. reviews]);
        }
    }
}
