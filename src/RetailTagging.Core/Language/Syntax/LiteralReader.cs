using System.Globalization;
using System.Text;

namespace RetailTagging.Language.Syntax;

/// <summary>
/// Reads literal token text into values. The lexer calls it to report bad literals with their
/// position; the grammar calls it again to build the tree (by then the text is known good).
/// </summary>
internal static class LiteralReader
{
    public static bool TryNumber(string text, out decimal value, out string? error)
    {
        error = decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            ? null : "the number is out of range (about ±7.9e28, 28 significant digits)";
        return error is null;
    }

    public static bool TryDuration(string text, out TimeSpan value, out string? error)
    {
        value = default;
        var unit = text[^1] switch
        {
            'w' => TimeSpan.TicksPerDay * 7,
            'd' => TimeSpan.TicksPerDay,
            'h' => TimeSpan.TicksPerHour,
            'm' => TimeSpan.TicksPerMinute,
            _ => TimeSpan.TicksPerSecond,
        };
        if (!TryNumber(text[..^1], out var amount, out error)) return false;
        var ticks = amount * unit;
        if (ticks > TimeSpan.MaxValue.Ticks || decimal.Truncate(ticks) != ticks)
        {
            error = ticks > TimeSpan.MaxValue.Ticks ? "the duration is too long" : "the duration is finer than 100 nanoseconds";
            return false;
        }
        value = new TimeSpan((long)ticks);
        return true;
    }

    public static bool TryDate(string text, out DateOnly value, out string? error)
    {
        error = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            ? null : "not a valid calendar date";
        return error is null;
    }

    public static bool TryInstant(string text, out DateTimeOffset value, out string? error)
    {
        value = default;
        var hasOffset = text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10;
        if (!hasOffset)
        {
            error = "an instant needs a UTC offset, e.g. 2024-05-01T10:00:00Z or 2024-05-01T10:00:00+08:00";
            return false;
        }
        error = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            ? null : "not a valid ISO-8601 instant";
        return error is null;
    }

    /// <summary>Removes the quotes and resolves escapes; the lexer has already rejected bad escapes.</summary>
    public static string Unquote(string token)
    {
        var body = token.AsSpan(1, token.Length - 2);
        if (!body.Contains('\\')) return body.ToString();
        var builder = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var ch = body[i];
            if (ch != '\\' || i + 1 >= body.Length) { builder.Append(ch); continue; }
            var escape = body[++i];
            switch (escape)
            {
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u' when i + 4 < body.Length + 0 && int.TryParse(body.Slice(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    builder.Append((char)code);
                    i += 4;
                    break;
                default: builder.Append(escape); break;
            }
        }
        return builder.ToString();
    }
}
