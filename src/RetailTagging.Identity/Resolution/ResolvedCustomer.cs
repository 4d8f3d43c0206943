namespace RetailTagging.Identity;

/// <summary>A resolved customer: its records, golden record, merge history, and the engine-ready customer and events.</summary>
public sealed record ResolvedCustomer
{
    /// <summary>The customer id (see <see cref="IdentityResolutionOptions.CustomerIdPrefix"/>).</summary>
    public required string Id { get; init; }

    /// <summary>The customer's records, oldest first.</summary>
    public required IReadOnlyList<string> RecordIds { get; init; }

    /// <summary>The golden record with provenance and conflicts.</summary>
    public required GoldenRecord Golden { get; init; }

    /// <summary>Every merge that formed the customer, in order, with its reason.</summary>
    public required IReadOnlyList<MergeStep> History { get; init; }

    /// <summary>The golden record as the tagging engine's customer model.</summary>
    public required Customer Customer { get; init; }

    /// <summary>The union of the records' events (distinct by event id, ordered by time), re-keyed to <see cref="Id"/>.</summary>
    public required IReadOnlyList<CustomerEvent> Events { get; init; }
}
