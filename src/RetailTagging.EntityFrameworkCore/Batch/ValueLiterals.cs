using System.Collections.Immutable;
using System.Globalization;
using RetailTagging.Language;
using RetailTagging.Language.Syntax;

namespace RetailTagging.EntityFrameworkCore.Batch;

/// <summary>
/// Tag values in the language's literal syntax (<c>true</c>, <c>"gold"</c>, <c>12.5</c>, <c>2024-06-01</c>,
/// <c>2024-06-01T10:00:00Z</c>, <c>90d</c>, <c>["a", "b"]</c>), as stored in assignment and history rows.
/// </summary>
internal static class ValueLiterals
{
    public static string Write(Value value) => value.ToString();

    /// <summary>Reads a literal; the declared type decides between look-alikes, and shape decides when the tag is unknown.</summary>
    /// <exception cref="FormatException">The text is not a literal.</exception>
    public static Value Parse(string text, TagType? type)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed == "null") return Value.Null;
        if (type?.Kind == TypeKind.List || trimmed.StartsWith('['))
            return Value.FromList([.. SplitList(trimmed).Select(item => Parse(item, type?.Element))]);
        var value = (type?.Kind ?? Infer(trimmed)) switch
        {
            TypeKind.Bool when trimmed is "true" or "false" => Value.FromBool(trimmed == "true"),
            TypeKind.String when trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"' => Value.FromString(LiteralReader.Unquote(trimmed)),
            TypeKind.Number when decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) => Value.FromNumber(n),
            TypeKind.Date when LiteralReader.TryDate(trimmed, out var d, out _) => Value.FromDate(d),
            TypeKind.Instant when LiteralReader.TryInstant(trimmed, out var i, out _) => Value.FromInstant(i),
            TypeKind.Duration when TryDuration(trimmed, out var span) => Value.FromDuration(span),
            _ => (Value?)null,
        };
        return value ?? throw new FormatException($"'{text}' is not a {(type is null ? "literal" : type + " literal")}.");
    }

    private static TypeKind Infer(string text) => text switch
    {
        "true" or "false" => TypeKind.Bool,
        _ when text.StartsWith('"') => TypeKind.String,
        _ when text.Length == 10 && text[4] == '-' && text[7] == '-' => TypeKind.Date,
        _ when text.Length > 10 && text[4] == '-' && text[10] == 'T' => TypeKind.Instant,
        _ when text.Length > 1 && text[^1] is 'w' or 'd' or 'h' or 'm' or 's' => TypeKind.Duration,
        _ => TypeKind.Number,
    };

    private static bool TryDuration(string text, out TimeSpan value)
    {
        var negative = text.StartsWith('-');
        var ok = LiteralReader.TryDuration(negative ? text[1..] : text, out value, out _);
        if (negative) value = -value;
        return ok;
    }

    // Items of a list literal, splitting on commas outside quoted strings.
    private static IEnumerable<string> SplitList(string text)
    {
        if (text.Length < 2 || text[0] != '[' || text[^1] != ']') throw new FormatException($"'{text}' is not a list literal.");
        var body = text[1..^1];
        var items = ImmutableArray.CreateBuilder<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (quoted && c == '\\') { i++; continue; }
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { items.Add(body[start..i]); start = i + 1; }
        }
        if (body.Trim().Length > 0) items.Add(body[start..]);
        return items;
    }
}
