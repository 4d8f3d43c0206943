using RetailTagging.Engine;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.EntityFrameworkCore.Privacy;
using RetailTagging.EntityFrameworkCore.Stores;

namespace RetailTagging.EntityFrameworkCore.Batch;

/// <summary>Rows to the engine's model for the batch path, with the stores' own mappings (the same JSON and literal formats).</summary>
internal sealed class BatchRowMapper(PersonalDataProtector protector)
{
    public Customer ToCustomer(CustomerRow row) => CustomerRowMapper.ToCustomer(row, protector);

    public static CustomerEvent ToEvent(EventRow row)
    {
        var e = EventRowMapper.ToEvent(row);
        return e.Amount is null && e.Quantity is null ? e : e with { Amount = Integral(e.Amount), Quantity = Integral(e.Quantity) };
    }

    public static ManualTagDecision ToDecision(ManualDecisionRow row) => TagRowMapper.ToDecision(row);

    public static TagSet ToTagSet(string customerId, TagSetRow? set, IReadOnlyList<TagAssignmentRow> rows)
    {
        var assignments = rows.Select(TagRowMapper.ToAssignment).ToList();
        var asOf = set is not null ? Providers.Instant(set.AsOfUtc) : assignments.Count == 0 ? DateTimeOffset.UnixEpoch : assignments.Max(a => a.AssignedAt);
        return new TagSet(customerId, asOf, assignments);
    }

    // SQLite keeps a decimal as text with at least one decimal place (5 comes back as 5.0); a whole amount is given
    // back without it on every provider, so valued tags read the same as from the host's own objects.
    private static decimal? Integral(decimal? value) => value is { } v && v == decimal.Truncate(v) ? decimal.Truncate(v) : value;
}
