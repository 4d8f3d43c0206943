using Microsoft.EntityFrameworkCore;
using RetailTagging.Engine;
using RetailTagging.EntityFrameworkCore.Entities;

namespace RetailTagging.EntityFrameworkCore.Batch;

/// <summary>
/// Stages what one evaluation changes, and nothing else: assignment rows inserted, updated (a new value, assigned-at,
/// expiry, source or rule version) or deleted, one history row per tag change stamped with the run id, and, when any
/// of these was written, the customer's tag-set row (its instant, and its concurrency token, which makes a concurrent
/// writer of the same customer's tags fail instead of interleaving). A customer whose tags did not change costs no write.
/// </summary>
internal sealed class TagChangeWriter(DbContext context, BatchRowMapper mapper)
{
    /// <summary>Stages the rows; returns the number of history rows (tag changes) staged.</summary>
    public int Stage(TagEvaluation evaluation, IReadOnlyList<TagAssignmentRow>? stored, TagSetRow? set, string runId)
    {
        var customerId = evaluation.Tags.CustomerId;
        var touched = false;
        var remaining = stored?.ToDictionary(r => r.Tag, StringComparer.Ordinal) ?? new Dictionary<string, TagAssignmentRow>(StringComparer.Ordinal);
        foreach (var assignment in evaluation.Tags.Values)
        {
            if (remaining.Remove(assignment.Tag, out var row))
            {
                if (!mapper.CopyTo(assignment, row)) continue;
                row.Version++;
                touched = true;
                continue;
            }
            var added = new TagAssignmentRow { CustomerId = customerId };
            mapper.CopyTo(assignment, added);
            context.Add(added);
            touched = true;
        }
        foreach (var gone in remaining.Values)
        {
            context.Remove(gone);
            touched = true;
        }
        foreach (var change in evaluation.Changes) context.Add(BatchRowMapper.ToHistory(change, runId));
        if (!touched && evaluation.Changes.Count == 0) return 0;

        var asOf = evaluation.Tags.AsOf.UtcDateTime;
        if (set is null) context.Add(new TagSetRow { CustomerId = customerId, AsOfUtc = asOf });
        else
        {
            set.AsOfUtc = asOf;
            set.Version++;
        }
        return evaluation.Changes.Count;
    }
}
