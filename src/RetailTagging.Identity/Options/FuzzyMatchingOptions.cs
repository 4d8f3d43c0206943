namespace RetailTagging.Identity;

/// <summary>
/// Fuzzy candidates: records sharing a blocking key are scored field by field; the evidence (in
/// bits) plus <see cref="PriorWeight"/> gives a match probability. A pair at or above
/// <see cref="AutoMergeThreshold"/> is merged, one at or above <see cref="ReviewThreshold"/> is queued
/// for a person to review.
/// </summary>
public sealed class FuzzyMatchingOptions
{
    /// <summary>Whether fuzzy matching runs at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Match probability at or above which a pair is merged automatically.</summary>
    public double AutoMergeThreshold { get; set; } = 0.9;

    /// <summary>Match probability at or above which a pair that is not merged goes to the review queue.</summary>
    public double ReviewThreshold { get; set; } = 0.6;

    /// <summary>
    /// Bits of evidence before any field is compared: log2 of the odds that two records are the same
    /// person. -14 is about 1 in 16,000; with the default weights a shared phone alone gives p = 0.8
    /// (review) and a shared phone with a consistent name or birth date is merged.
    /// </summary>
    public double PriorWeight { get; set; } = -14;

    /// <summary>
    /// Blocking keys: only records sharing one are compared. Each key is fields joined by <c>+</c>,
    /// e.g. <c>name:1+birth_date</c> (surname and birth date). The defaults also catch a phone with one
    /// mistyped digit wherever it is: <c>name+phone:-4</c> (same name, same last four digits) pairs records
    /// whose typo is in the first digits, <c>name+phone:10</c> (same name, same first ten characters of the
    /// E.164 form: country code and the leading digits) those whose typo is in the last four. Keep blocks
    /// selective: every pair in a block is scored, so a block on a common value such as the name alone costs
    /// time for little gain.
    /// </summary>
    public IList<string> BlockingKeys { get; set; } = ["phone", "email", "name:1+birth_date", "name+city", "name+phone:-4", "name+phone:10"];

    /// <summary>The fields compared and their evidence weights (phones by edit distance, so one mistyped digit still counts as most of an agreement).</summary>
    public IList<FuzzyComparison> Comparisons { get; set; } =
    [
        // Weights are log2(m/u) and log2((1-m)/(1-u)) for plausible m (agreement among records of one
        // person) and u (agreement among different people); see docs/identity.md.
        new() { Field = AttributeNames.Name, Method = ComparisonMethod.JaroWinkler, AgreeWeight = 10.7, DisagreeWeight = -2.7, PartialFloor = 0.6 },
        new() { Field = AttributeNames.BirthDate, Method = ComparisonMethod.Date, AgreeWeight = 14, DisagreeWeight = -4.3, PartialFloor = 0 },
        new() { Field = IdentifierTypes.Phone, Method = ComparisonMethod.Levenshtein, AgreeWeight = 16, DisagreeWeight = -2.3, PartialFloor = 0.85 },
        new() { Field = IdentifierTypes.Email, Method = ComparisonMethod.Exact, AgreeWeight = 20, DisagreeWeight = -1.7 },
        new() { Field = AttributeNames.Gender, Method = ComparisonMethod.Exact, AgreeWeight = 1, DisagreeWeight = -4.6 },
        new() { Field = AttributeNames.City, Method = ComparisonMethod.JaroWinkler, AgreeWeight = 3, DisagreeWeight = -2, PartialFloor = 0.8 },
    ];

    /// <summary>
    /// Blocks with more records than this are not compared at all (a junk value nobody blocked yet).
    /// The decision depends only on the block's size, so the result stays independent of record order.
    /// </summary>
    public int MaxBlockSize { get; set; } = 50;
}
