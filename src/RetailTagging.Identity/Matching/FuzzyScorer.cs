using F23.StringSimilarity;

namespace RetailTagging.Identity;

/// <summary>
/// Scores a candidate pair Fellegi-Sunter style: each field adds bits of evidence for or against a
/// match, missing fields add nothing, and the total (with the prior) becomes a probability.
/// </summary>
internal sealed class FuzzyScorer(CompiledOptions options)
{
    private static readonly JaroWinkler Jw = new();
    private static readonly NormalizedLevenshtein Lev = new();

    /// <summary>
    /// The match probability, or 0 as soon as the evidence can no longer reach the review threshold
    /// (comparisons run strongest first, so most non-matches stop after one or two fields).
    /// </summary>
    public double Score(PreparedRecord left, PreparedRecord right)
    {
        var bits = options.PriorWeight;
        var order = options.ComparisonOrder;
        var remaining = options.TotalAgreeWeight;
        foreach (var i in order)
        {
            var c = options.Comparisons[i];
            remaining -= Math.Max(c.Agree, 0);
            if (left.CompareValues[i] is { } a && right.CompareValues[i] is { } b)
            {
                bits += Weight(c, Best(c.Method, a, b));
            }
            if (bits + remaining < options.ReviewBits)
            {
                return 0;
            }
        }
        return Probability(bits);
    }

    private static double Best(ComparisonMethod method, string[] left, string[] right)
    {
        var best = 0.0;
        foreach (var a in left)
        {
            foreach (var b in right)
            {
                var s = string.Equals(a, b, StringComparison.Ordinal) ? 1.0 : method switch
                {
                    ComparisonMethod.Exact => 0.0,
                    ComparisonMethod.Date => DateSimilarity(a, b),
                    ComparisonMethod.Levenshtein => Lev.Similarity(a, b),
                    _ => Jw.Similarity(a, b),
                };
                if (s > best)
                {
                    best = s;
                    if (best >= 1)
                    {
                        return 1;
                    }
                }
            }
        }
        return best;
    }

    public MatchExplanation Explain(PreparedRecord left, PreparedRecord right)
    {
        var fields = new List<FieldEvidence>(options.Comparisons.Length);
        var bits = options.PriorWeight;
        foreach (var c in options.Comparisons)
        {
            var s = Similarity(c, left, right, out var l, out var r);
            var w = s is { } value ? Weight(c, value) : 0;
            bits += w;
            fields.Add(new FieldEvidence(c.Field.ToString(), c.Method, l, r, s, w));
        }
        return new MatchExplanation(left.Id, right.Id, Probability(bits), options.PriorWeight, fields);
    }

    private static double Probability(double bits) => 1 / (1 + Math.Pow(2, -bits));

    private static double Weight(CompiledOptions.Comparison c, double similarity)
    {
        if (similarity >= 1)
        {
            return c.Agree;
        }
        var f = c.Floor >= 1 ? 0 : Math.Clamp((similarity - c.Floor) / (1 - c.Floor), 0, 1);
        return c.Disagree + (c.Agree - c.Disagree) * f;
    }

    /// <summary>The best similarity over the two records' values of the field, or null when either has none.</summary>
    private static double? Similarity(CompiledOptions.Comparison c, PreparedRecord left, PreparedRecord right, out string? bestLeft, out string? bestRight)
    {
        double? best = null;
        bestLeft = bestRight = null;
        foreach (var a in left.Values(c.Field))
        {
            bestLeft ??= a;
            foreach (var b in right.Values(c.Field))
            {
                bestRight ??= b;
                var s = c.Method switch
                {
                    ComparisonMethod.Exact => string.Equals(a, b, StringComparison.Ordinal) ? 1.0 : 0.0,
                    ComparisonMethod.Date => DateSimilarity(a, b),
                    ComparisonMethod.Levenshtein => Lev.Similarity(a, b),
                    _ => string.Equals(a, b, StringComparison.Ordinal) ? 1.0 : Jw.Similarity(a, b),
                };
                if (best is null || s > best)
                {
                    best = s;
                    bestLeft = a;
                    bestRight = b;
                }
            }
        }
        return bestRight is null ? null : best;
    }

    internal static double DateSimilarity(string a, string b)
    {
        if (a == b)
        {
            return 1;
        }
        if (TextFolding.ParseDate(a) is not { } x || TextFolding.ParseDate(b) is not { } y)
        {
            return 0;
        }
        var differing = (x.Year != y.Year ? 1 : 0) + (x.Month != y.Month ? 1 : 0) + (x.Day != y.Day ? 1 : 0);
        var swapped = x.Year == y.Year && x.Month == y.Day && x.Day == y.Month;
        return differing == 1 || swapped ? 0.75 : 0;
    }
}
