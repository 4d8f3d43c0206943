namespace RetailTagging.Synthetic.Identity;

/// <summary>
/// A synthetic source record for identity resolution, labelled with the person it truly belongs
/// to, so pairwise precision and recall of a resolver can be measured.
/// </summary>
/// <param name="RecordId">Unique record id, prefixed with the source (<c>pos:2849301157</c>); the number says nothing about the person.</param>
/// <param name="Source">The source system: <c>pos</c>, <c>online</c>, <c>mini_program</c> or <c>service_desk</c>.</param>
/// <param name="PersonId">The true person (the <see cref="Customer.Id"/> it was generated from): the label.</param>
/// <param name="CreatedAt">When the source created the record.</param>
/// <param name="UpdatedAt">When the source last updated it.</param>
/// <param name="Identifiers">Raw identifiers (type, value) with formatting variants, typos and junk.</param>
/// <param name="Attributes">Raw attributes (<c>name</c>, <c>gender</c>, <c>birth_date</c>, <c>city</c>).</param>
public sealed record LabelledIdentityRecord(
    string RecordId,
    string Source,
    string PersonId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<KeyValuePair<string, string>> Identifiers,
    IReadOnlyDictionary<string, string?> Attributes);
