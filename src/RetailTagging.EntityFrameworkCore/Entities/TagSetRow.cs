namespace RetailTagging.EntityFrameworkCore.Entities;

/// <summary>A customer's saved tag set as a whole: the instant it describes and the token that serialises writers of the same customer's tags.</summary>
public sealed class TagSetRow
{
    /// <summary>The customer id.</summary>
    public string CustomerId { get; set; } = "";
    /// <summary>The instant the saved set describes (UTC).</summary>
    public DateTime AsOfUtc { get; set; }
    /// <summary>Optimistic-concurrency token, incremented by every save of the customer's tags.</summary>
    public long Version { get; set; }
}
