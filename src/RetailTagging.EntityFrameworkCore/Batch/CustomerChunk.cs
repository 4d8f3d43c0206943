using RetailTagging.Engine;

namespace RetailTagging.EntityFrameworkCore.Batch;

/// <summary>One keyset page of customers with everything their evaluation needs.</summary>
/// <param name="Histories">The customers in keyset order, with their events, previous (stored) tags and manual decisions.</param>
/// <param name="LastCustomerId">The last customer of the page: the next checkpoint.</param>
/// <param name="EventCount">Events read for the page.</param>
internal sealed record CustomerChunk(IReadOnlyList<CustomerHistory> Histories, string LastCustomerId, int EventCount);
