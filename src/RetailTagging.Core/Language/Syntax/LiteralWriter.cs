using System.Globalization;
using System.Text;

namespace RetailTagging.Language.Syntax;

/// <summary>Writes literals in the form the lexer reads back.</summary>
internal static class LiteralWriter
{
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(ch) || char.IsSurrogate(ch)) builder.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                    else builder.Append(ch);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    public static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(instant.UtcTicks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan duration)
    {
        var ticks = duration.Ticks;
        (long unit, char suffix)[] units = [(TimeSpan.TicksPerDay, 'd'), (TimeSpan.TicksPerHour, 'h'), (TimeSpan.TicksPerMinute, 'm'), (TimeSpan.TicksPerSecond, 's')];
        foreach (var (unit, suffix) in units)
            if (ticks % unit == 0) return (ticks / unit).ToString(CultureInfo.InvariantCulture) + suffix;
        return ((decimal)ticks / TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture) + "s";
    }
}
