namespace RetailTagging.Rfm.Batch;

/// <summary>One customer's events, as a batch source yields them.</summary>
/// <param name="CustomerId">The customer's id.</param>
/// <param name="Events">The customer's events, any order and any types.</param>
public sealed record RfmHistory(string CustomerId, IReadOnlyList<CustomerEvent> Events);
