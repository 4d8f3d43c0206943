using RetailTagging.Engine;

namespace RetailTagging.EntityFrameworkCore;

/// <summary>One customer's new tag set and the changes that led to it, for <see cref="Stores.EfTagStore{TContext}.SaveManyAsync(IReadOnlyList{TagSetUpdate}, string?, CancellationToken)"/>.</summary>
/// <param name="Tags">The new set.</param>
/// <param name="Changes">The changes, appended to the history.</param>
public sealed record TagSetUpdate(TagSet Tags, IReadOnlyList<TagChange> Changes);

/// <summary>What a bulk tag save wrote.</summary>
/// <param name="Customers">Customers whose tags or history changed.</param>
/// <param name="AssignmentRowsWritten">Assignment rows inserted, updated or deleted.</param>
/// <param name="HistoryRowsWritten">History rows appended.</param>
public sealed record TagSaveResult(int Customers, int AssignmentRowsWritten, int HistoryRowsWritten);
