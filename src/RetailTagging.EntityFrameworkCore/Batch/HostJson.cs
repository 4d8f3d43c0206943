using System.Globalization;
using System.Text.Json;
using RetailTagging.Language;

namespace RetailTagging.EntityFrameworkCore.Batch;

/// <summary>
/// Custom attributes and event properties stored as a JSON object: each member is converted to its declared type
/// (an instant, date or duration is a JSON string), an undeclared one keeps its JSON kind (number as decimal,
/// string, bool, array). A value that does not fit its type becomes null, as the engine treats host values.
/// </summary>
internal static class HostJson
{
    public static IReadOnlyDictionary<string, object?> ReadObject(string? json, Func<string, TagType?> typeOf)
    {
        if (string.IsNullOrWhiteSpace(json)) return new Dictionary<string, object?>();
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new FormatException($"Stored attributes must be a JSON object, not {document.RootElement.ValueKind}.");
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var member in document.RootElement.EnumerateObject())
        {
            var plain = Plain(member.Value);
            result[member.Name] = typeOf(member.Name) is { } type ? Convert(plain, type) : plain;
        }
        return result;
    }

    private static object? Convert(object? plain, TagType type) => type.Kind switch
    {
        TypeKind.Duration when plain is string text => ParseDuration(text) is { } span ? span : null,
        TypeKind.List when plain is object?[] items => items.Select(i => Convert(i, type.Element!)).ToArray(),
        _ => Value.FromObject(plain, type).ToObject(),
    };

    private static TimeSpan? ParseDuration(string text)
    {
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span)) return span;
        try
        {
            return ValueLiterals.Parse(text, TagType.Duration).AsDuration;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static object? Plain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetDecimal(out var d) ? d : (decimal?)null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(Plain).ToArray(),
        _ => null,
    };
}
