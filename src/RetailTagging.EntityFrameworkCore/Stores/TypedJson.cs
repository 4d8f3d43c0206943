using System.Collections;
using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>
/// Custom attributes and event properties as a JSON object that keeps their types:
/// <c>{"tier":{"s":"gold"},"points":{"n":"120.5"},"vip":{"b":true},"since":{"d":"2024-01-01"},"at":{"i":"2024-05-01T10:00:00.0000000+08:00"},"ttl":{"t":864000000000},"tags":{"l":[{"s":"a"}]},"none":null}</c>.
/// </summary>
internal static class TypedJson
{
    public static string? Write(IReadOnlyDictionary<string, object?> values)
    {
        if (values.Count == 0) return null;
        var json = new JsonObject();
        foreach (var (name, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal)) json[name] = Encode(value, name);
        return json.ToJsonString();
    }

    public static IReadOnlyDictionary<string, object?> Read(string? text)
    {
        if (string.IsNullOrEmpty(text)) return FrozenDictionary<string, object?>.Empty;
        var json = JsonNode.Parse(text) as JsonObject ?? throw new FormatException("Stored attributes are not a JSON object.");
        return json.ToFrozenDictionary(p => p.Key, p => Decode(p.Value), StringComparer.Ordinal);
    }

    private static JsonNode? Encode(object? value, string name) => value switch
    {
        null => null,
        string s => new JsonObject { ["s"] = s },
        bool b => new JsonObject { ["b"] = b },
        decimal m => Number(m),
        int or long or short or byte or sbyte or uint or ulong or ushort => Number(Convert.ToDecimal(value, CultureInfo.InvariantCulture)),
        double or float => Number(Convert.ToDecimal(value, CultureInfo.InvariantCulture)),
        DateTimeOffset i => new JsonObject { ["i"] = i.ToString("O", CultureInfo.InvariantCulture) },
        DateTime t => new JsonObject { ["i"] = new DateTimeOffset(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t).ToString("O", CultureInfo.InvariantCulture) },
        DateOnly d => new JsonObject { ["d"] = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        TimeSpan t => new JsonObject { ["t"] = t.Ticks },
        IEnumerable list => new JsonObject { ["l"] = new JsonArray(list.Cast<object?>().Select(item => Encode(item, name)).ToArray()) },
        _ => throw new ArgumentException($"Attribute or property '{name}' has a value of type {value.GetType().Name}, which cannot be stored; use string, bool, a number, DateTimeOffset, DateOnly, TimeSpan or a list of these."),
    };

    private static JsonObject Number(decimal value) => new() { ["n"] = value.ToString(CultureInfo.InvariantCulture) };

    private static object? Decode(JsonNode? node)
    {
        if (node is null) return null;
        var (kind, body) = node.AsObject().Single();
        return kind switch
        {
            "s" => body!.GetValue<string>(),
            "b" => body!.GetValue<bool>(),
            "n" => decimal.Parse(body!.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture),
            "i" => DateTimeOffset.Parse(body!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            "d" => DateOnly.ParseExact(body!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            "t" => new TimeSpan(body!.GetValue<long>()),
            "l" => body!.AsArray().Select(Decode).ToArray(),
            _ => throw new FormatException($"Unknown stored value kind '{kind}'."),
        };
    }
}
