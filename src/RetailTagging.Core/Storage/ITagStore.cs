using RetailTagging.Engine;

namespace RetailTagging.Storage;

/// <summary>
/// Current tag assignments, their history and manual decisions. <see cref="SaveAsync"/> writes a
/// customer's new tag set and the changes that led to it as one unit: both or neither.
/// </summary>
public interface ITagStore
{
    /// <summary>The customer's current tag set, or <see langword="null"/> when none was saved.</summary>
    ValueTask<TagSet?> GetTagsAsync(string customerId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the customer's current assignments with <paramref name="tags"/> and appends <paramref name="changes"/> to the history.</summary>
    ValueTask SaveAsync(TagSet tags, IReadOnlyList<TagChange> changes, CancellationToken cancellationToken = default);

    /// <summary>The customer's tag changes, oldest first.</summary>
    IAsyncEnumerable<TagChange> ReadHistoryAsync(string customerId, CancellationToken cancellationToken = default);

    /// <summary>Stores a manual decision; a later step of the same decision (approval, rejection, withdrawal) replaces the earlier one.</summary>
    ValueTask SaveManualDecisionAsync(ManualTagDecision decision, CancellationToken cancellationToken = default);

    /// <summary>The customer's manual decisions (latest step of each).</summary>
    IAsyncEnumerable<ManualTagDecision> ReadManualDecisionsAsync(string customerId, CancellationToken cancellationToken = default);
}
