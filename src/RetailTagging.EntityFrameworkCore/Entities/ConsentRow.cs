namespace RetailTagging.EntityFrameworkCore.Entities;

/// <summary>A customer's consent or opt-out for one channel.</summary>
public sealed class ConsentRow
{
    /// <summary>The customer id.</summary>
    public string CustomerId { get; set; } = "";
    /// <summary>The channel (Sms, WeChat, Email, Push, Call).</summary>
    public string Channel { get; set; } = "";
    /// <summary>Whether the customer opted out.</summary>
    public bool OptedOut { get; set; }
    /// <summary>When recorded (UTC).</summary>
    public DateTime AtUtc { get; set; }
}
