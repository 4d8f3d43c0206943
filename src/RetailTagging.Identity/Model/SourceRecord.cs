using System.Collections.Frozen;

namespace RetailTagging.Identity;

/// <summary>
/// One customer profile as a source system (POS, online shop, mini program, service desk...) holds it.
/// Identity resolution groups source records into customers.
/// </summary>
public sealed record SourceRecord
{
    private readonly IReadOnlyDictionary<string, string?> _attributes = FrozenDictionary<string, string?>.Empty;

    /// <summary>Creates a source record.</summary>
    /// <param name="id">The record id, unique across all sources (prefix it with the source if ids overlap, e.g. <c>pos:1001</c>).</param>
    /// <param name="source">The source system's name, e.g. <c>pos</c>.</param>
    public SourceRecord(string id, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Id = id;
        Source = source;
    }

    /// <summary>The record id, unique across sources.</summary>
    public string Id { get; }

    /// <summary>The source system's name.</summary>
    public string Source { get; }

    /// <summary>
    /// This record's trust for source-priority survivorship (higher wins); when absent the
    /// source's entry in <see cref="IdentityResolutionOptions.SourcePriorities"/> applies.
    /// </summary>
    public int? Priority { get; init; }

    /// <summary>When the source created the record; the oldest record names its customer.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the source last updated the record; "most recent" survivorship uses it.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The record's identifiers, raw; they are normalised, validated and checked against blocked values.</summary>
    public IReadOnlyList<SourceIdentifier> Identifiers { get; init; } = [];

    /// <summary>Descriptive attributes by name (see <see cref="AttributeNames"/>); names are case-insensitive.</summary>
    public IReadOnlyDictionary<string, string?> Attributes
    {
        get => _attributes;
        init => _attributes = (value ?? throw new ArgumentNullException(nameof(value)))
            .ToFrozenDictionary(p => p.Key.Trim().ToLowerInvariant(), p => p.Value, StringComparer.Ordinal);
    }

    /// <summary>The events this source recorded for the profile; the resolved customer carries their union.</summary>
    public IReadOnlyList<CustomerEvent> Events { get; init; } = [];
}
