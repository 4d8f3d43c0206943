using System.Globalization;

namespace RetailTagging.Language.Runtime;

/// <summary>String functions: ordinal tests, invariant case mapping, null in gives null out.</summary>
internal static class Strings
{
    public static bool? Contains(string? s, string? part) => s is null || part is null ? null : s.Contains(part, StringComparison.Ordinal);
    public static bool? StartsWith(string? s, string? part) => s is null || part is null ? null : s.StartsWith(part, StringComparison.Ordinal);
    public static bool? EndsWith(string? s, string? part) => s is null || part is null ? null : s.EndsWith(part, StringComparison.Ordinal);
    public static string? Lower(string? s) => s?.ToLower(CultureInfo.InvariantCulture);
    public static string? Upper(string? s) => s?.ToUpper(CultureInfo.InvariantCulture);
    public static decimal? Length(string? s) => s?.Length;
    public static string? Concat(string a, string b) => string.Concat(a, b);
}
