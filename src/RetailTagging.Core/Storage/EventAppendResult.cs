namespace RetailTagging.Storage;

/// <summary>What an append did: how many events it stored, which ids it had already, which events it rejected and why.</summary>
public sealed record EventAppendResult(int Stored, IReadOnlyList<string> DuplicateIds, IReadOnlyList<RejectedEvent> Rejected)
{
    /// <summary>An append that stored nothing.</summary>
    public static EventAppendResult Empty { get; } = new(0, [], []);
}

/// <summary>An event refused by a store, with the reason (as <see cref="Engine.EventValidator"/> gives it).</summary>
public sealed record RejectedEvent(string? EventId, string Reason);
