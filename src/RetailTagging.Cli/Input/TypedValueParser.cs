using System.Globalization;
using System.Text.Json;
using System.Xml;
using RetailTagging.Language;

namespace RetailTagging.Cli.Input;

/// <summary>
/// Converts input cells to the .NET values of a declared <see cref="TagType"/> (bool, decimal, string, DateTimeOffset,
/// DateOnly, TimeSpan, object?[] for lists), or says why it cannot. Shared by the customer and event inputs so both
/// accept the same spellings. The engine would turn a value of the wrong type into null; reading it here instead lets
/// the row be rejected with its line number, so nothing becomes null silently.
/// </summary>
internal static class TypedValueParser
{
    private const NumberStyles NumberStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>Parses a text cell (CSV, or a JSON string). Lists are <c>a|b|c</c> or a JSON array.</summary>
    public static bool TryParse(string text, TagType type, out object? value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(type);
        text = text.Trim();
        if (type.Kind == TypeKind.List)
            return text.StartsWith('[') ? TryParseJsonArrayText(text, type, out value, out error) : TryParseSeparatedList(text, type, out value, out error);
        return TryParseScalar(text, type, out value, out error);
    }

    /// <summary>Parses a JSON value: native JSON booleans, numbers and arrays, or a string read as text.</summary>
    public static bool TryParse(JsonElement element, TagType type, out object? value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(type);
        (value, error) = (null, null);
        switch (element.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return true;
            case JsonValueKind.String:
                return TryParse(element.GetString()!, type, out value, out error);
            case JsonValueKind.Array when type.Kind == TypeKind.List:
                return TryParseArray(element, type.Element!, out value, out error);
            case JsonValueKind.True or JsonValueKind.False when type.Kind == TypeKind.Bool:
                value = element.ValueKind == JsonValueKind.True;
                return true;
            case JsonValueKind.Number when type.Kind is TypeKind.Number or TypeKind.String:
                // The exact text of the number: decimal, not double (0.1 stays 0.1); a string attribute keeps its digits.
                return TryParseScalar(element.GetRawText(), type, out value, out error);
            default:
                error = $"expected {Describe(type)}, found a JSON {element.ValueKind.ToString().ToLowerInvariant()}";
                return false;
        }
    }

    /// <summary>How a type is written in messages, e.g. "a number" or "a list&lt;string&gt; (a|b|c or a JSON array)".</summary>
    public static string Describe(TagType type) => type.Kind switch
    {
        TypeKind.Bool => "a bool (true or false)",
        TypeKind.Number => "a number",
        TypeKind.String => "a string",
        TypeKind.Instant => "an ISO-8601 instant",
        TypeKind.Date => "a date (yyyy-MM-dd)",
        TypeKind.Duration => "a duration (e.g. 90d, 72h, P3D)",
        TypeKind.List => $"a {type} (a|b|c or a JSON array)",
        _ => type.ToString(),
    };

    private static bool TryParseScalar(string text, TagType type, out object? value, out string? error)
    {
        (value, error) = (null, null);
        switch (type.Kind)
        {
            case TypeKind.String:
                value = text;
                return true;
            case TypeKind.Bool when text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "1":
                value = true;
                return true;
            case TypeKind.Bool when text.Equals("false", StringComparison.OrdinalIgnoreCase) || text == "0":
                value = false;
                return true;
            case TypeKind.Number when decimal.TryParse(text, NumberStyle, CultureInfo.InvariantCulture, out var number):
                value = number;
                return true;
            case TypeKind.Instant when EventRowParser.TryParseInstant(text, out var instant):
                value = instant;
                return true;
            case TypeKind.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                value = date;
                return true;
            case TypeKind.Duration when TryParseDuration(text, out var duration):
                value = duration;
                return true;
            default:
                error = $"'{text}' is not {Describe(type)}";
                return false;
        }
    }

    // The language's own spelling (90d, 1.5h, 2w, 30m, 45s) or an ISO-8601 duration (P3DT4H).
    private static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        if (text.Length >= 2 && text[^1] is 'w' or 'd' or 'h' or 'm' or 's'
            && decimal.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            var unit = text[^1] switch
            {
                'w' => TimeSpan.TicksPerDay * 7,
                'd' => TimeSpan.TicksPerDay,
                'h' => TimeSpan.TicksPerHour,
                'm' => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerSecond,
            };
            if (amount > TimeSpan.MaxValue.Ticks / unit) return false;
            duration = new TimeSpan((long)decimal.Round(amount * unit));
            return true;
        }
        if (!text.StartsWith('P') && !text.StartsWith("-P", StringComparison.Ordinal)) return false;
        try
        {
            duration = XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static bool TryParseSeparatedList(string text, TagType type, out object? value, out string? error)
    {
        (value, error) = (null, null);
        var parts = text.Split('|');
        var items = new object?[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(parts[i]))
            {
                error = $"item {i + 1} of the list '{text}' is empty";
                return false;
            }
            if (!TryParseScalar(parts[i].Trim(), type.Element!, out items[i], out var itemError))
            {
                error = $"item {i + 1} of the list: {itemError}";
                return false;
            }
        }
        value = items;
        return true;
    }

    private static bool TryParseJsonArrayText(string text, TagType type, out object? value, out string? error)
    {
        (value, error) = (null, null);
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Array)
                return TryParseArray(document.RootElement, type.Element!, out value, out error);
        }
        catch (JsonException)
        {
            // Not JSON: read it as a|b|c below, which reports the bad item.
        }
        return TryParseSeparatedList(text, type, out value, out error);
    }

    private static bool TryParseArray(JsonElement array, TagType element, out object? value, out string? error)
    {
        (value, error) = (null, null);
        var items = new List<object?>(array.GetArrayLength());
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            index++;
            if (item.ValueKind is JsonValueKind.Array or JsonValueKind.Object or JsonValueKind.Null)
            {
                error = $"item {index} of the list is a JSON {item.ValueKind.ToString().ToLowerInvariant()}, not {Describe(element)}";
                return false;
            }
            if (!TryParse(item, element, out var parsed, out var itemError))
            {
                error = $"item {index} of the list: {itemError}";
                return false;
            }
            items.Add(parsed);
        }
        value = items.ToArray();
        return true;
    }
}
