namespace RetailTagging.Engine;

/// <summary>The result of tagging one customer as of an instant.</summary>
/// <param name="Tags">The tags the customer holds.</param>
/// <param name="Changes">What changed against the previous set (empty when none was given and nothing is assigned).</param>
/// <param name="Segments">The segments the customer belongs to.</param>
/// <param name="NextChangeAt">
/// When, with no new events, this customer's tags could next change (a window sliding past an
/// event, a time to live lapsing, a calendar day turning); null when nothing can change on its own.
/// </param>
public sealed record TagEvaluation(TagSet Tags, IReadOnlyList<TagChange> Changes, IReadOnlyList<string> Segments, DateTimeOffset? NextChangeAt);
