namespace RetailTagging.EntityFrameworkCore.Entities;

/// <summary>A reviewer's link or separate decision between source records.</summary>
public sealed class IdentityDecisionRow
{
    /// <summary>The decision id (derived from its content).</summary>
    public string Id { get; set; } = "";
    /// <summary>Link or Separate.</summary>
    public string Kind { get; set; } = "";
    /// <summary>Left record ids, JSON array.</summary>
    public string LeftJson { get; set; } = "[]";
    /// <summary>Right record ids, JSON array.</summary>
    public string RightJson { get; set; } = "[]";
    /// <summary>When (UTC).</summary>
    public DateTime DecidedAtUtc { get; set; }
    /// <summary>Who decided, if known.</summary>
    public string? DecidedBy { get; set; }
    /// <summary>Why, if given.</summary>
    public string? Reason { get; set; }
    /// <summary>The review item the decision answers, if any.</summary>
    public string? ReviewItemId { get; set; }
}
