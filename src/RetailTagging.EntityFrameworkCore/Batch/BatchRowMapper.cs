using RetailTagging.Catalog;
using RetailTagging.Engine;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.EntityFrameworkCore.Privacy;
using RetailTagging.Language;

namespace RetailTagging.EntityFrameworkCore.Batch;

/// <summary>Rows to the engine's model and back, for the batch path: decrypts personal data, decodes JSON attributes and literal values.</summary>
internal sealed class BatchRowMapper(CompiledCatalog catalog, PersonalDataProtector protector)
{
    private readonly TagSchema _schema = catalog.Schema;

    public Customer ToCustomer(CustomerRow row) => new(row.Id)
    {
        Name = protector.Unprotect(row.NameCipher),
        Phone = protector.Unprotect(row.PhoneCipher),
        Email = protector.Unprotect(row.EmailCipher),
        Gender = row.Gender,
        BirthDate = row.BirthDate,
        City = row.City,
        RegisteredAt = Utc(row.RegisteredAtUtc),
        MemberLevel = row.MemberLevel,
        Attributes = HostJson.ReadObject(row.AttributesJson, name => _schema.Attributes.TryGetValue(name, out var a) ? a.Type : null),
    };

    public CustomerEvent ToEvent(EventRow row) => new(row.Id, row.CustomerId, row.Type, Utc(row.AtUtc))
    {
        Channel = row.Channel,
        Store = row.Store,
        Amount = Integral(row.Amount),
        Sku = row.Sku,
        Category = row.Category,
        Brand = row.Brand,
        Quantity = Integral(row.Quantity),
        Properties = HostJson.ReadObject(row.PropertiesJson, name => _schema.FindProperty(row.Type, name)?.Type),
    };

    public ManualTagDecision ToDecision(ManualDecisionRow row) => ManualDecisionRows.ToDecision(row, TypeOf(row.Tag));

    public TagSet ToTagSet(string customerId, IReadOnlyList<TagAssignmentRow> rows)
    {
        var assignments = rows.Select(ToAssignment).ToList();
        var asOf = assignments.Count == 0 ? DateTimeOffset.UnixEpoch : assignments.Max(a => a.AssignedAt);
        return new TagSet(customerId, asOf, assignments);
    }

    public TagAssignment ToAssignment(TagAssignmentRow row) =>
        new(row.Tag, ValueLiterals.Parse(row.Value, TypeOf(row.Tag)), Utc(row.AssignedAtUtc), Utc(row.ExpiresAtUtc), Enum.Parse<TagSource>(row.Source), row.RuleVersion);

    /// <summary>Copies the assignment into the row; whether anything changed.</summary>
    public bool CopyTo(TagAssignment assignment, TagAssignmentRow row)
    {
        var value = ValueLiterals.Write(assignment.Value);
        var assignedAt = assignment.AssignedAt.UtcDateTime;
        var expiresAt = assignment.ExpiresAt?.UtcDateTime;
        var source = assignment.Source.ToString();
        if (row.Tag == assignment.Tag && row.Value == value && row.AssignedAtUtc == assignedAt && row.ExpiresAtUtc == expiresAt
            && row.Source == source && row.RuleVersion == assignment.RuleVersion)
            return false;
        (row.Tag, row.Value, row.AssignedAtUtc, row.ExpiresAtUtc, row.Source, row.RuleVersion) = (assignment.Tag, value, assignedAt, expiresAt, source, assignment.RuleVersion);
        return true;
    }

    public static TagHistoryRow ToHistory(TagChange change, string runId) => new()
    {
        CustomerId = change.CustomerId,
        Tag = change.Tag,
        Kind = change.Kind.ToString(),
        OldValue = change.OldValue.IsNull ? null : ValueLiterals.Write(change.OldValue),
        NewValue = change.NewValue.IsNull ? null : ValueLiterals.Write(change.NewValue),
        AtUtc = change.At.UtcDateTime,
        Source = change.Source.ToString(),
        RuleVersion = change.RuleVersion,
        Reason = change.Reason,
        RunId = runId,
    };

    // SQLite stores a decimal as text with at least one decimal place (5 comes back as 5.0); a whole number is given
    // back without it on every provider, so sums print the same as from the host's own objects.
    private static decimal? Integral(decimal? value) => value is { } v && v == decimal.Truncate(v) ? decimal.Truncate(v) : value;

    private TagType? TypeOf(string tag) => catalog.FindTag(tag)?.ValueType;

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
