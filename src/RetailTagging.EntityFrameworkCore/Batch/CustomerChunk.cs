using RetailTagging.Engine;
using RetailTagging.EntityFrameworkCore.Entities;

namespace RetailTagging.EntityFrameworkCore.Batch;

/// <summary>One keyset page of customers with everything their evaluation needs, and their stored assignments (tracked, to be updated).</summary>
/// <param name="Histories">The customers in keyset order, with their events, previous tags and manual decisions.</param>
/// <param name="StoredAssignments">The tracked assignment rows by customer id.</param>
/// <param name="StoredSets">The tracked tag-set rows (instant and concurrency token of each customer's saved tags) by customer id.</param>
/// <param name="LastCustomerId">The last customer of the page: the next checkpoint.</param>
/// <param name="EventCount">Events read for the page.</param>
internal sealed record CustomerChunk(
    IReadOnlyList<CustomerHistory> Histories,
    IReadOnlyDictionary<string, List<TagAssignmentRow>> StoredAssignments,
    IReadOnlyDictionary<string, TagSetRow> StoredSets,
    string LastCustomerId,
    int EventCount);
