namespace RetailTagging.Identity;

/// <summary>What one resolver call changed.</summary>
/// <param name="RecordCount">Records known after the call.</param>
/// <param name="CustomerCount">Customers after the call.</param>
/// <param name="Changes">Merges and splits of existing customers the call caused.</param>
/// <param name="Issues">Identifiers of the added records that were invalid or blocked.</param>
public sealed record ResolutionResult(int RecordCount, int CustomerCount, IReadOnlyList<IdentityChange> Changes, IReadOnlyList<IdentifierIssue> Issues);
