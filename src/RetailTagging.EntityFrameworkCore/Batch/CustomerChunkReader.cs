using Microsoft.EntityFrameworkCore;
using RetailTagging.Engine;
using RetailTagging.EntityFrameworkCore.Entities;

namespace RetailTagging.EntityFrameworkCore.Batch;

/// <summary>
/// Reads customers in keyset pages (ordered by id, <c>Id &gt; lastId</c>) and, for each page, the events, assignments
/// and manual decisions of the id range the page covers, one query each. Ids are compared by the database, so the
/// order is the database's collation order whatever it is; nothing is held beyond one page.
/// </summary>
internal sealed class CustomerChunkReader(DbContext context, BatchRowMapper mapper, int chunkSize)
{
    private const string CustomerIdColumn = nameof(EventRow.CustomerId);

    /// <summary>The page after <paramref name="afterCustomerId"/> (from the start when null); null when no customer is left.</summary>
    public async Task<CustomerChunk?> ReadAsync(string? afterCustomerId, CancellationToken cancellationToken)
    {
        var customers = context.Set<CustomerRow>().AsNoTracking();
        if (afterCustomerId is not null) customers = customers.Where(c => string.Compare(c.Id, afterCustomerId) > 0);
        var customerRows = await customers.OrderBy(c => c.Id).Take(chunkSize).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (customerRows.Count == 0) return null;
        var last = customerRows[^1].Id;

        var eventRows = await InRange(context.Set<EventRow>().AsNoTracking(), afterCustomerId, last)
            .OrderBy(e => e.CustomerId).ThenBy(e => e.AtUtc).ToListAsync(cancellationToken).ConfigureAwait(false);
        var assignmentRows = await InRange(context.Set<TagAssignmentRow>().AsNoTracking(), afterCustomerId, last).ToListAsync(cancellationToken).ConfigureAwait(false);
        var setRows = await InRange(context.Set<TagSetRow>().AsNoTracking(), afterCustomerId, last).ToListAsync(cancellationToken).ConfigureAwait(false);
        var decisionRows = await InRange(context.Set<ManualDecisionRow>().AsNoTracking(), afterCustomerId, last).ToListAsync(cancellationToken).ConfigureAwait(false);

        var events = eventRows.GroupBy(e => e.CustomerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(BatchRowMapper.ToEvent).ToList(), StringComparer.Ordinal);
        var assignments = assignmentRows.GroupBy(a => a.CustomerId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var sets = setRows.ToDictionary(s => s.CustomerId, StringComparer.Ordinal);
        var decisions = decisionRows.GroupBy(d => d.CustomerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ManualTagDecision>)g.Select(BatchRowMapper.ToDecision).ToList(), StringComparer.Ordinal);

        var histories = new List<CustomerHistory>(customerRows.Count);
        foreach (var row in customerRows)
        {
            var previous = assignments.TryGetValue(row.Id, out var stored) || sets.ContainsKey(row.Id)
                ? BatchRowMapper.ToTagSet(row.Id, sets.GetValueOrDefault(row.Id), stored ?? [])
                : null;
            histories.Add(new CustomerHistory(mapper.ToCustomer(row), events.GetValueOrDefault(row.Id) ?? [], previous, decisions.GetValueOrDefault(row.Id)));
        }
        return new CustomerChunk(histories, last, eventRows.Count);
    }

    // The rows of the customers in (after, last]: the range the customer page covers, so each table is read with one
    // range scan of its customer index instead of a long IN list.
    private static IQueryable<TRow> InRange<TRow>(IQueryable<TRow> rows, string? after, string last) where TRow : class
    {
        if (after is not null) rows = rows.Where(r => string.Compare(EF.Property<string>(r, CustomerIdColumn), after) > 0);
        return rows.Where(r => string.Compare(EF.Property<string>(r, CustomerIdColumn), last) <= 0);
    }
}
