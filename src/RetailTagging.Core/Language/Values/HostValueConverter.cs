using System.Collections;
using System.Collections.Immutable;
using System.Globalization;

namespace RetailTagging.Language;

/// <summary>
/// Converts values supplied by the host (custom attributes, event properties) to language values.
/// Conversion is total: a value that does not fit its declared type becomes null, never an exception.
/// </summary>
internal static class HostValueConverter
{
    public static Value Convert(object? value, TagType type)
    {
        if (value is null) return Value.Null;
        if (value is Value v) return v.Kind == type.Kind || v.IsNull ? v : Value.Null;
        return type.Kind switch
        {
            TypeKind.Bool => value is bool b ? Value.FromBool(b) : ParseBool(value as string),
            TypeKind.Number => Value.From(ToDecimal(value)),
            TypeKind.String => value is string s ? Value.FromString(s) : Value.Null,
            TypeKind.Instant => value switch
            {
                DateTimeOffset dto => Value.FromInstant(dto),
                DateTime dt when dt.Kind != DateTimeKind.Unspecified => Value.FromInstant(new DateTimeOffset(dt.ToUniversalTime())),
                string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => Value.FromInstant(parsed),
                _ => Value.Null,
            },
            TypeKind.Date => value switch
            {
                DateOnly d => Value.FromDate(d),
                DateTime dt => Value.FromDate(DateOnly.FromDateTime(dt)),
                string text when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) => Value.FromDate(parsed),
                _ => Value.Null,
            },
            TypeKind.Duration => value is TimeSpan ts ? Value.FromDuration(ts) : Value.Null,
            TypeKind.List when value is IEnumerable items && value is not string => ConvertList(items, type.Element!),
            _ => Value.Null,
        };
    }

    private static Value ConvertList(IEnumerable items, TagType element)
    {
        var builder = ImmutableArray.CreateBuilder<Value>();
        foreach (var item in items)
        {
            var converted = Convert(item, element);
            if (!converted.IsNull) builder.Add(converted);
        }
        return Value.FromList(builder.ToImmutable());
    }

    private static Value ParseBool(string? text) => text switch
    {
        "true" or "True" or "TRUE" => Value.FromBool(true),
        "false" or "False" or "FALSE" => Value.FromBool(false),
        _ => Value.Null,
    };

    public static decimal? ToDecimal(object value) => value switch
    {
        decimal m => m,
        int i => i,
        long l => l,
        short s => s,
        byte b => b,
        uint ui => ui,
        ulong ul => ul,
        // NaN, infinities and values beyond decimal's range are not numbers the language can hold.
        double d when double.IsFinite(d) && Math.Abs(d) < 7.9e28 => (decimal)d,
        float f when float.IsFinite(f) && Math.Abs(f) < 7.9e28f => (decimal)f,
        string text when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
