namespace RetailTagging.EntityFrameworkCore;

/// <summary>A customer's score (RFM, p_alive, CLV, ...) as of an instant.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Score">The score name.</param>
/// <param name="AsOf">As of.</param>
/// <param name="Value">The value.</param>
public sealed record ScoreSnapshot(string CustomerId, string Score, DateTimeOffset AsOf, double Value);

/// <summary>An audit log entry.</summary>
/// <param name="At">When.</param>
/// <param name="Actor">Who (a person, or a component such as <c>batch</c>).</param>
/// <param name="Action">What (manual_decision, merge, split, identity_decision, erase_customer, batch_run, ...).</param>
/// <param name="CustomerId">The customer it is about, if any.</param>
/// <param name="Details">Details, never personal data in clear.</param>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string? CustomerId, string? Details);
