using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RetailTagging.Identity;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.EntityFrameworkCore.Privacy;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>Source records, decisions and identity changes to rows and back.</summary>
internal static class IdentityRowMapper
{
    /// <summary>The record columns the bulk path writes (CLR property names), id first; never the customer id, which only assignments set.</summary>
    public static readonly string[] RecordColumns =
        [nameof(SourceRecordRow.Id), nameof(SourceRecordRow.Source), nameof(SourceRecordRow.Priority), nameof(SourceRecordRow.CreatedAtUtc),
         nameof(SourceRecordRow.UpdatedAtUtc), nameof(SourceRecordRow.AttributesCipher), nameof(SourceRecordRow.EventsJson)];

    /// <summary>The identifier columns the bulk path writes.</summary>
    public static readonly string[] IdentifierColumns =
        [nameof(SourceIdentifierRow.RecordId), nameof(SourceIdentifierRow.Position), nameof(SourceIdentifierRow.Type),
         nameof(SourceIdentifierRow.ValueHash), nameof(SourceIdentifierRow.ValueCipher)];

    /// <summary>The change-history columns the bulk path writes (the id is generated).</summary>
    public static readonly string[] ChangeColumns =
        [nameof(IdentityChangeRow.AtUtc), nameof(IdentityChangeRow.Kind), nameof(IdentityChangeRow.BeforeJson), nameof(IdentityChangeRow.AfterJson), nameof(IdentityChangeRow.Reason)];

    /// <summary>The audit columns the bulk path writes (the id is generated, identity changes name no single customer).</summary>
    public static readonly string[] AuditColumns =
        [nameof(AuditLogRow.AtUtc), nameof(AuditLogRow.Actor), nameof(AuditLogRow.Action), nameof(AuditLogRow.CustomerId), nameof(AuditLogRow.Details)];

    /// <summary>A record's row as values in <see cref="RecordColumns"/> order.</summary>
    public static object?[] ToValues(SourceRecordRow r) => [r.Id, r.Source, r.Priority, r.CreatedAtUtc, r.UpdatedAtUtc, r.AttributesCipher, r.EventsJson];

    /// <summary>An identifier's row as values in <see cref="IdentifierColumns"/> order.</summary>
    public static object?[] ToValues(SourceIdentifierRow i) => [i.RecordId, i.Position, i.Type, i.ValueHash, i.ValueCipher];

    /// <summary>A change's row as values in <see cref="ChangeColumns"/> order.</summary>
    public static object?[] ToValues(IdentityChangeRow c) => [c.AtUtc, c.Kind, c.BeforeJson, c.AfterJson, c.Reason];

    /// <summary>An audit entry's row as values in <see cref="AuditColumns"/> order.</summary>
    public static object?[] ToValues(AuditLogRow a) => [a.AtUtc, a.Actor, a.Action, a.CustomerId, a.Details];

    public static SourceRecordRow ToRow(SourceRecord record, PersonalDataProtector protector) => new()
    {
        Id = record.Id,
        Source = record.Source,
        Priority = record.Priority,
        CreatedAtUtc = Providers.Utc(record.CreatedAt),
        UpdatedAtUtc = Providers.Utc(record.UpdatedAt),
        AttributesCipher = record.Attributes.Count == 0 ? null : protector.Protect(JsonSerializer.Serialize(record.Attributes)),
        EventsJson = record.Events.Count == 0 ? null : new JsonArray(record.Events.Select(EventToJson).ToArray()).ToJsonString(),
    };

    public static SourceIdentifierRow ToRow(string recordId, int position, SourceIdentifier identifier, PersonalDataProtector protector, LookupKeys keys) => new()
    {
        RecordId = recordId,
        Position = position,
        Type = identifier.Type,
        ValueHash = keys.Identifier(identifier.Type, identifier.Value ?? ""),
        ValueCipher = protector.Protect(identifier.Value ?? "")!,
    };

    public static SourceRecord ToRecord(SourceRecordRow row, IEnumerable<SourceIdentifierRow> identifiers, PersonalDataProtector protector) => new(row.Id, row.Source)
    {
        Priority = row.Priority,
        CreatedAt = Providers.Instant(row.CreatedAtUtc),
        UpdatedAt = Providers.Instant(row.UpdatedAtUtc),
        Identifiers = identifiers.OrderBy(i => i.Position).Select(i => new SourceIdentifier(i.Type, protector.Unprotect(i.ValueCipher)!)).ToArray(),
        Attributes = row.AttributesCipher is null ? new Dictionary<string, string?>()
            : JsonSerializer.Deserialize<Dictionary<string, string?>>(protector.Unprotect(row.AttributesCipher)!)!,
        Events = row.EventsJson is null ? [] : JsonNode.Parse(row.EventsJson)!.AsArray().Select(n => EventFromJson(n!.AsObject())).ToArray(),
    };

    public static IdentityDecisionRow ToRow(IdentityDecision d) => new()
    {
        Id = d.Id,
        Kind = d.Kind.ToString(),
        LeftJson = JsonSerializer.Serialize(d.LeftRecordIds),
        RightJson = JsonSerializer.Serialize(d.RightRecordIds),
        DecidedAtUtc = Providers.Utc(d.DecidedAt),
        DecidedBy = d.DecidedBy,
        Reason = d.Note,
        ReviewItemId = d.ReviewItemId,
    };

    public static IdentityDecision ToDecision(IdentityDecisionRow row) =>
        new(Enum.Parse<DecisionKind>(row.Kind), JsonSerializer.Deserialize<string[]>(row.LeftJson)!, JsonSerializer.Deserialize<string[]>(row.RightJson)!, Providers.Instant(row.DecidedAtUtc))
        {
            DecidedBy = row.DecidedBy,
            Note = row.Reason,
            ReviewItemId = row.ReviewItemId,
        };

    public static IdentityChangeRow ToRow(IdentityChange c) => new()
    {
        AtUtc = Providers.Utc(c.At),
        Kind = c.Kind.ToString(),
        BeforeJson = JsonSerializer.Serialize(c.Before),
        AfterJson = JsonSerializer.Serialize(c.After),
        Reason = c.Reason,
    };

    public static IdentityChange ToChange(IdentityChangeRow row) =>
        new(Providers.Instant(row.AtUtc), Enum.Parse<IdentityChangeKind>(row.Kind), JsonSerializer.Deserialize<string[]>(row.BeforeJson)!, JsonSerializer.Deserialize<string[]>(row.AfterJson)!, row.Reason);

    private static JsonObject EventToJson(CustomerEvent e) => new()
    {
        ["id"] = e.Id,
        ["customer"] = e.CustomerId,
        ["type"] = e.Type,
        ["at"] = e.At.ToString("O", CultureInfo.InvariantCulture),
        ["channel"] = e.Channel,
        ["store"] = e.Store,
        ["amount"] = e.Amount?.ToString(CultureInfo.InvariantCulture),
        ["sku"] = e.Sku,
        ["category"] = e.Category,
        ["brand"] = e.Brand,
        ["quantity"] = e.Quantity?.ToString(CultureInfo.InvariantCulture),
        ["properties"] = TypedJson.Write(e.Properties),
    };

    private static CustomerEvent EventFromJson(JsonObject o) =>
        new(o["id"]!.GetValue<string>(), o["customer"]!.GetValue<string>(), o["type"]!.GetValue<string>(),
            DateTimeOffset.Parse(o["at"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind))
        {
            Channel = o["channel"]?.GetValue<string>(),
            Store = o["store"]?.GetValue<string>(),
            Amount = o["amount"] is { } amount ? decimal.Parse(amount.GetValue<string>(), CultureInfo.InvariantCulture) : null,
            Sku = o["sku"]?.GetValue<string>(),
            Category = o["category"]?.GetValue<string>(),
            Brand = o["brand"]?.GetValue<string>(),
            Quantity = o["quantity"] is { } quantity ? decimal.Parse(quantity.GetValue<string>(), CultureInfo.InvariantCulture) : null,
            Properties = TypedJson.Read(o["properties"]?.GetValue<string>()),
        };
}
