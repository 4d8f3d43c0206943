namespace RetailTagging.Identity;

/// <summary>The value that survived for one attribute, and where it came from.</summary>
/// <param name="Value">The value as the source gave it.</param>
/// <param name="RecordId">The record it came from.</param>
/// <param name="Source">That record's source.</param>
/// <param name="Rule">The survivorship rule that chose it.</param>
/// <param name="ObservedAt">That record's update (or creation) time.</param>
public sealed record SurvivingValue(string Value, string RecordId, string Source, SurvivorshipRule Rule, DateTimeOffset? ObservedAt);

/// <summary>An attribute whose records disagree, the values they hold and the one that won.</summary>
/// <param name="Attribute">The attribute.</param>
/// <param name="Candidates">Every record's value.</param>
/// <param name="Winner">The surviving value.</param>
public sealed record AttributeConflict(string Attribute, IReadOnlyList<SurvivingValue> Candidates, SurvivingValue Winner);

/// <summary>A customer's best single view: one value per attribute with provenance, all identifiers, and the conflicts.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Attributes">Surviving value per attribute (including <c>phone</c> and <c>email</c>).</param>
/// <param name="Identifiers">Every valid identifier value per type, sorted.</param>
/// <param name="Conflicts">Attributes whose records disagree.</param>
public sealed record GoldenRecord(
    string CustomerId,
    IReadOnlyDictionary<string, SurvivingValue> Attributes,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Identifiers,
    IReadOnlyList<AttributeConflict> Conflicts);
