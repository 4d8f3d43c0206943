namespace RetailTagging.EntityFrameworkCore.Entities;

/// <summary>A score of a customer as of an instant (RFM, p_alive, CLV, ...).</summary>
public sealed class ScoreSnapshotRow
{
    /// <summary>The customer id.</summary>
    public string CustomerId { get; set; } = "";
    /// <summary>The score name.</summary>
    public string Score { get; set; } = "";
    /// <summary>As of (UTC).</summary>
    public DateTime AsOfUtc { get; set; }
    /// <summary>The value.</summary>
    public double Value { get; set; }
}
