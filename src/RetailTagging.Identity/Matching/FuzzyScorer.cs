using F23.StringSimilarity;

namespace RetailTagging.Identity;

/// <summary>Scores a candidate pair: the weighted mean of field similarities over fields both records have.</summary>
internal sealed class FuzzyScorer(CompiledOptions options)
{
    private static readonly JaroWinkler Jw = new();

    public double Score(PreparedRecord left, PreparedRecord right)
    {
        double total = 0, weight = 0;
        foreach (var c in options.Comparisons)
        {
            var s = Similarity(c, left, right, out _, out _);
            if (s is { } value)
            {
                total += value * c.Weight;
                weight += c.Weight;
            }
        }
        return weight < options.MinimumComparedWeight || weight == 0 ? 0 : total / weight;
    }

    public MatchExplanation Explain(PreparedRecord left, PreparedRecord right)
    {
        var fields = new List<FieldSimilarity>(options.Comparisons.Length);
        double total = 0, weight = 0;
        foreach (var c in options.Comparisons)
        {
            var s = Similarity(c, left, right, out var l, out var r);
            fields.Add(new FieldSimilarity(c.Field.ToString(), c.Method, l, r, s, c.Weight));
            if (s is { } value)
            {
                total += value * c.Weight;
                weight += c.Weight;
            }
        }
        var enough = weight >= options.MinimumComparedWeight && weight > 0;
        return new MatchExplanation(left.Id, right.Id, enough ? total / weight : 0, fields,
            enough ? null : $"fields present on both weigh {weight:0.##}, below the minimum {options.MinimumComparedWeight:0.##}");
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
