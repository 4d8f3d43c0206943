using System.Globalization;
using System.Text.Json;
using RetailTagging.Language;

namespace RetailTagging.Cli.Output;

/// <summary>
/// How tag values are written: booleans as <c>true</c>, numbers in the invariant culture, strings as they are,
/// instants ISO-8601 in UTC, dates <c>yyyy-MM-dd</c>, durations as the language writes them (<c>90d</c>), lists as
/// <c>a|b|c</c> in CSV and JSON arrays in JSON Lines: the spellings the input readers accept back.
/// </summary>
internal static class TagValueText
{
    /// <summary>The value as one CSV field (empty for null).</summary>
    public static string ToText(Value value) => value.Kind switch
    {
        TypeKind.Null => "",
        TypeKind.Bool => value.IsTrue ? "true" : "false",
        TypeKind.Number => value.AsNumber!.Value.ToString(CultureInfo.InvariantCulture),
        TypeKind.String => value.AsString!,
        TypeKind.List => string.Join('|', value.AsList.Select(ToText)),
        // Instants (2024-05-01T10:00:00Z), dates and durations: the language's own literal text.
        _ => value.ToString(),
    };

    /// <summary>Writes the value as a JSON value: native booleans, numbers and arrays, text for the rest.</summary>
    public static void WriteJson(Utf8JsonWriter writer, Value value)
    {
        switch (value.Kind)
        {
            case TypeKind.Null:
                writer.WriteNullValue();
                break;
            case TypeKind.Bool:
                writer.WriteBooleanValue(value.IsTrue);
                break;
            case TypeKind.Number:
                writer.WriteNumberValue(value.AsNumber!.Value);
                break;
            case TypeKind.List:
                writer.WriteStartArray();
                foreach (var item in value.AsList)
                    WriteJson(writer, item);
                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(ToText(value));
                break;
        }
    }
}
