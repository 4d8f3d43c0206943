namespace RetailTagging.Identity;

/// <summary>How a fuzzy comparison measures the similarity of two values.</summary>
public enum ComparisonMethod
{
    /// <summary>Jaro-Winkler string similarity (0..1).</summary>
    JaroWinkler,
    /// <summary>1 when equal, 0 otherwise.</summary>
    Exact,
    /// <summary>Dates: 1 when equal, 0.75 when one of day/month/year differs or day and month are swapped, 0 otherwise.</summary>
    Date,
}

/// <summary>One field compared when scoring a fuzzy candidate pair.</summary>
public sealed class FuzzyComparison
{
    /// <summary>An identifier type or attribute name, optionally with a prefix/suffix length (see <see cref="MatchRule.Fields"/>).</summary>
    public string Field { get; set; } = "";

    /// <summary>The similarity measure.</summary>
    public ComparisonMethod Method { get; set; } = ComparisonMethod.JaroWinkler;

    /// <summary>The field's weight in the score; only fields present on both records count.</summary>
    public double Weight { get; set; } = 1;
}
