namespace RetailTagging.Identity;

/// <summary>
/// Fuzzy candidates: records sharing a blocking key are scored field by field; a pair at or above
/// <see cref="AutoMergeThreshold"/> is merged, one at or above <see cref="ReviewThreshold"/> is queued
/// for a person to review.
/// </summary>
public sealed class FuzzyMatchingOptions
{
    /// <summary>Whether fuzzy matching runs at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Score at or above which a pair is merged automatically.</summary>
    public double AutoMergeThreshold { get; set; } = 0.9;

    /// <summary>Score at or above which a pair that is not merged goes to the review queue.</summary>
    public double ReviewThreshold { get; set; } = 0.75;

    /// <summary>
    /// Blocking keys: only records sharing one are compared. Each key is fields joined by <c>+</c>,
    /// e.g. <c>name:1+birth_date</c> (surname and birth date).
    /// </summary>
    public IList<string> BlockingKeys { get; set; } = ["phone", "name:1+birth_date", "name+city", "email"];

    /// <summary>The fields compared and their weights.</summary>
    public IList<FuzzyComparison> Comparisons { get; set; } =
    [
        new() { Field = AttributeNames.Name, Method = ComparisonMethod.JaroWinkler, Weight = 0.4 },
        new() { Field = AttributeNames.BirthDate, Method = ComparisonMethod.Date, Weight = 0.3 },
        new() { Field = IdentifierTypes.Phone, Method = ComparisonMethod.Exact, Weight = 0.2 },
        new() { Field = IdentifierTypes.Email, Method = ComparisonMethod.Exact, Weight = 0.2 },
        new() { Field = AttributeNames.Gender, Method = ComparisonMethod.Exact, Weight = 0.1 },
        new() { Field = AttributeNames.City, Method = ComparisonMethod.JaroWinkler, Weight = 0.1 },
    ];

    /// <summary>
    /// The total weight of fields present on both records below which a pair scores 0: too little
    /// evidence to match on.
    /// </summary>
    public double MinimumComparedWeight { get; set; } = 0.6;

    /// <summary>
    /// Blocks with more records than this are not compared at all (a junk value nobody blocked yet).
    /// The decision depends only on the block's size, so the result stays independent of record order.
    /// </summary>
    public int MaxBlockSize { get; set; } = 50;
}
