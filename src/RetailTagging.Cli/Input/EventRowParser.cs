using System.Globalization;

namespace RetailTagging.Cli.Input;

/// <summary>
/// Turns one row's named fields (strings, null when absent or empty) into a <see cref="CustomerEvent"/>, shared by
/// the CSV and the JSON Lines readers so both apply the same rules.
/// </summary>
internal static class EventRowParser
{
    public const string EventId = "event_id", CustomerId = "customer_id", Type = "type", OccurredAt = "occurred_at";
    public const string Amount = "amount", Channel = "channel", Store = "store", Sku = "sku", Category = "category", Brand = "brand", Quantity = "quantity";

    /// <summary>Columns every file must have.</summary>
    public static readonly IReadOnlyList<string> Required = [EventId, CustomerId, Type, OccurredAt];

    /// <summary>Columns with a built-in meaning; any other column becomes a custom string property.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
        { EventId, CustomerId, Type, OccurredAt, Amount, Channel, Store, Sku, Category, Brand, Quantity };

    // ISO-8601 only: a date, or a date and time with optional fraction and optional offset (none means UTC).
    private static readonly string[] InstantFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd",
    ];

    public static bool TryParseInstant(string text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParseExact(text.Trim(), InstantFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);

    /// <summary>Builds the event, or returns the reason the row is invalid.</summary>
    public static (CustomerEvent? Event, string? Error) Parse(IReadOnlyList<KeyValuePair<string, string?>> fields)
    {
        string? Get(string name)
        {
            foreach (var (key, value) in fields)
            {
                if (key == name)
                    return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            }
            return null;
        }

        var missing = Required.Where(r => Get(r) is null).ToList();
        if (missing.Count > 0)
            return (null, $"missing {string.Join(", ", missing)}");
        var at = Get(OccurredAt)!;
        if (!TryParseInstant(at, out var instant))
            return (null, $"occurred_at '{at}' is not an ISO-8601 date or date-time (e.g. 2024-03-01T10:15:00+08:00)");
        if (!TryDecimal(Get(Amount), Amount, out var amount, out var amountError))
            return (null, amountError);
        if (!TryDecimal(Get(Quantity), Quantity, out var quantity, out var quantityError))
            return (null, quantityError);

        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            if (!Known.Contains(key) && !string.IsNullOrWhiteSpace(value))
                properties[key] = value.Trim();
        }
        var e = new CustomerEvent(Get(EventId)!, Get(CustomerId)!, Get(Type)!, instant)
        {
            Amount = amount,
            Quantity = quantity,
            Channel = Get(Channel),
            Store = Get(Store),
            Sku = Get(Sku),
            Category = Get(Category),
            Brand = Get(Brand),
            Properties = properties,
        };
        return (e, null);
    }

    private static bool TryDecimal(string? text, string name, out decimal? value, out string? error)
    {
        (value, error) = (null, null);
        if (text is null)
            return true;
        const NumberStyles style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        if (decimal.TryParse(text, style, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }
        error = $"{name} '{text}' is not a number (use a '.' decimal point, no thousands separators)";
        return false;
    }
}
