using RetailTagging.EntityFrameworkCore.Entities;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>Events to rows and back.</summary>
internal static class EventRowMapper
{
    /// <summary>The stored columns in bulk order (the CLR property names of <see cref="EventRow"/>), without the generated sequence.</summary>
    public static readonly string[] Columns =
        [nameof(EventRow.Id), nameof(EventRow.CustomerId), nameof(EventRow.Type), nameof(EventRow.AtUtc), nameof(EventRow.Channel), nameof(EventRow.Store),
         nameof(EventRow.Amount), nameof(EventRow.Sku), nameof(EventRow.Category), nameof(EventRow.Brand), nameof(EventRow.Quantity),
         nameof(EventRow.PropertiesJson), nameof(EventRow.StoredAtUtc)];

    public static object?[] ToValues(CustomerEvent e, DateTime storedAtUtc) =>
        [e.Id, e.CustomerId, e.Type, Providers.Utc(e.At), e.Channel, e.Store, e.Amount, e.Sku, e.Category, e.Brand, e.Quantity, TypedJson.Write(e.Properties), storedAtUtc];

    public static CustomerEvent ToEvent(EventRow row) => new(row.Id, row.CustomerId, row.Type, Providers.Instant(row.AtUtc))
    {
        Channel = row.Channel,
        Store = row.Store,
        Amount = row.Amount,
        Sku = row.Sku,
        Category = row.Category,
        Brand = row.Brand,
        Quantity = row.Quantity,
        Properties = TypedJson.Read(row.PropertiesJson),
    };
}
