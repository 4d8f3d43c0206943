namespace RetailTagging.EntityFrameworkCore.Entities;

/// <summary>One version of a tag definition, as compiled from the catalog.</summary>
public sealed class TagDefinitionRow
{
    /// <summary>The tag name.</summary>
    public string Name { get; set; } = "";
    /// <summary>The rule version.</summary>
    public string Version { get; set; } = "";
    /// <summary>The dimension (value, lifecycle, ...), if declared.</summary>
    public string? Dimension { get; set; }
    /// <summary>The expression text.</summary>
    public string Expression { get; set; } = "";
    /// <summary>The description, if any.</summary>
    public string? Description { get; set; }
    /// <summary>Time to live, if any.</summary>
    public TimeSpan? Ttl { get; set; }
    /// <summary>When this version was first stored (UTC).</summary>
    public DateTime CreatedAtUtc { get; set; }
}
