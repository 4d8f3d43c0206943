using RetailTagging.Diagnostics;
using RetailTagging.Language;

namespace RetailTagging.Catalog;

/// <summary>A checked tag: its governance metadata, expression and version.</summary>
public sealed record TagDefinition
{
    /// <summary>The tag's name, as referenced by <c>@name</c>.</summary>
    public required string Name { get; init; }
    /// <summary>A display name for people.</summary>
    public string? DisplayName { get; init; }
    /// <summary>Fact, model or predictive.</summary>
    public TagKind Kind { get; init; }
    /// <summary>The governance dimension (value, lifecycle, ...), if given.</summary>
    public string? Dimension { get; init; }
    /// <summary>Who owns the tag.</summary>
    public string? Owner { get; init; }
    /// <summary>What the tag is used for.</summary>
    public string? UseCase { get; init; }
    /// <summary>A longer description.</summary>
    public string? Description { get; init; }
    /// <summary>How long an assignment lasts unless the rule confirms it again.</summary>
    public TimeSpan? TimeToLive { get; init; }
    /// <summary>The expression in canonical form.</summary>
    public required string Expression { get; init; }
    /// <summary>The type of the tag's value: bool for yes/no tags, otherwise a valued tag.</summary>
    public required TagType ValueType { get; init; }
    /// <summary>The tags this one references.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];
    /// <summary>A content hash of the definition: changes whenever the rule or its metadata changes.</summary>
    public required string Version { get; init; }
    /// <summary>The static cost estimate.</summary>
    public long Cost { get; init; }
    /// <summary>Where the tag is declared.</summary>
    public SourcePosition Position { get; init; }
}

/// <summary>A named audience: a bool expression over tags and attributes.</summary>
/// <param name="Name">The segment's name.</param>
/// <param name="DisplayName">A display name.</param>
/// <param name="Expression">The condition in canonical form.</param>
public sealed record SegmentDefinition(string Name, string? DisplayName, string Expression);

/// <summary>A governance dimension such as value, lifecycle, preference, risk or service.</summary>
/// <param name="Name">The dimension's name.</param>
/// <param name="DisplayName">A display name.</param>
public sealed record DimensionDefinition(string Name, string? DisplayName);
