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
        private readonly List<int>[] _lists;
        private readonly List<string>?[][] _limitValues;
        private readonly List<string>?[][] _conflictValues;
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
            _lists = new List<int>[n];
            _limitValues = new List<string>?[n][];
            _conflictValues = new List<string>?[n][];
            var conflictFields = engine.Options.ConflictFields.Length;
            _constraints = new List<(int, bool)>?[n];
            _steps = new List<(long, MergeStep)>?[n];
            var limited = engine.Options.LimitedTypes.Length;
            for (var i = 0; i < n; i++)
            {
                _parent[i] = i;
                _lists[i] = [i];
                _limitValues[i] = new List<string>?[limited];
                _conflictValues[i] = new List<string>?[conflictFields];
                for (var f = 0; f < conflictFields; f++)
                {
                    if (members[i].ConflictValues[f] is { } values)
                    {
                        _conflictValues[i][f] = [.. values];
                    }
                }
                for (var t = 0; t < limited; t++)
                {
                    if (members[i].LimitValues[t] is { } values)
                    {
                        _limitValues[i][t] = [.. values];
                    }
                }
            }
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
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var separates = new List<IdentityDecision>();
            foreach (var member in _members)
            {
                foreach (var decision in _context.DecisionsFor(member.Id))
                {
                    if (seen.Add(decision.Id))
                    {
                        (decision.Kind == DecisionKind.Link ? _links : separates).Add(decision);
                    }
                }
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
            var groups = new Dictionary<string, (int Rule, List<int> Locals)>(StringComparer.Ordinal);
            for (var i = 0; i < _members.Length; i++)
            {
                var m = _members[i];
                for (var k = 0; k < m.Keys.Length; k++)
                {
                    if (!groups.TryGetValue(m.Keys[k], out var g))
                    {
                        groups[m.Keys[k]] = g = (m.KeyRules[k], []);
                    }
                    g.Locals.Add(i);
                }
            }
            var rules = _engine.Options.Rules;
            var ordered = groups.Where(g => g.Value.Locals.Count > 1 && !_context.IsHotKey(g.Key))
                .OrderBy(g => rules[g.Value.Rule].Priority)
                .ThenBy(g => g.Value.Rule)
                .ThenBy(g => g.Value.Locals.Count) // rarer values are more specific: they link first
                .ThenBy(g => g.Key, StringComparer.Ordinal);
            foreach (var (key, (rule, locals)) in ordered)
            {
                var roots = locals.Select(Find).Distinct().Order().ToList();
                if (roots.Count < 2)
                {
                    continue;
                }
                var reason = $"{rules[rule].Name} ({key[(key.IndexOf(Separator) + 1)..].Replace(Separator.ToString(), " + ", StringComparison.Ordinal)})";
                var conflictFields = rules[rule].ConflictFields;
                // A cluster compatible with two clusters that conflict with each other (a nameless record
                // on a family phone) cannot be attributed: it links to none of them and goes to review.
                // Without such clusters compatibility is transitive, so first fit finds the same groups
                // in any order.
                var ambiguous = new HashSet<int>();
                if (conflictFields.Length > 0 && roots.Count > 2)
                {
                    foreach (var c in roots)
                    {
                        var compatible = roots.Where(o => o != c && !Conflicting(c, o, conflictFields)).ToList();
                        var clash = compatible.Any(a => compatible.Any(b => a < b && Conflicting(a, b, conflictFields)));
                        if (clash)
                        {
                            ambiguous.Add(c);
                            var mine = locals.First(l => Find(l) == c);
                            foreach (var o in compatible)
                            {
                                _doubts.Add((locals.First(l => Find(l) == o), mine, ReviewKind.SharedIdentifier,
                                    $"{reason} is shared by customers who conflict with each other; the record cannot be attributed", null));
                            }
                        }
                    }
                }
                var bins = new List<int>();
                foreach (var root in roots)
                {
                    if (ambiguous.Contains(root))
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
                var a = locals.First(l => Find(l) == bin);
                var b = locals.First(l => Find(l) == root);
                _doubts.Add((a, b, ReviewKind.LimitConflict, $"{reason} would give one customer {why}", null));
            }
            return false;
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
                if (_conflictValues[ra][f] is not { } a || _conflictValues[rb][f] is not { } b)
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
                if (_limitValues[ra][t] is not { } a || _limitValues[rb][t] is not { } b)
                {
                    continue;
                }
                var union = a.Count + b.Count(v => !a.Contains(v));
                // A merge may not add values past the limit; a record that alone exceeds it may still gain records without new values.
                if (union > limits[t] && union > Math.Max(a.Count, b.Count))
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
            var step = new MergeStep(0, Ids(_lists[root]), Ids(_lists[other]), kind, reason, score, decisionId);
            _parent[other] = root;
            _lists[root].AddRange(_lists[other]);
            for (var t = 0; t < _limitValues[root].Length; t++)
            {
                if (_limitValues[other][t] is { } values)
                {
                    var target = _limitValues[root][t] ??= [];
                    foreach (var v in values)
                    {
                        if (!target.Contains(v))
                        {
                            target.Add(v);
                        }
                    }
                }
            }
            for (var f = 0; f < _conflictValues[root].Length; f++)
            {
                if (_conflictValues[other][f] is { } values)
                {
                    var target = _conflictValues[root][f] ??= [];
                    foreach (var v in values)
                    {
                        if (!target.Contains(v))
                        {
                            target.Add(v);
                        }
                    }
                }
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

        private string[] Ids(List<int> locals) => locals.Order().Select(l => _members[l].Id).ToArray();

        public Outcome Finish()
        {
            var clusters = new List<Cluster>();
            for (var i = 0; i < _members.Length; i++)
            {
                if (Find(i) == i)
                {
                    var steps = (_steps[i] ?? []).OrderBy(s => s.Order).Select((s, n) => s.Step with { Sequence = n }).ToArray();
                    clusters.Add(new Cluster(_lists[i].Order().Select(l => _members[l]).ToArray(), steps));
                }
            }
            var reviews = new List<ReviewItem>();
            var asked = new HashSet<(int, int)>();
            foreach (var (a, b, kind, reason, score) in _doubts)
            {
                var (ra, rb) = (Find(a), Find(b));
                if (ra == rb || Check(Math.Min(ra, rb), Math.Max(ra, rb), ignoreLimits: true, out _) == Verdict.Separated || !asked.Add((Math.Min(ra, rb), Math.Max(ra, rb))))
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
