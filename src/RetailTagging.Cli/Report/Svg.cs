using System.Globalization;
using System.Net;
using System.Text;

namespace RetailTagging.Cli.Report;

/// <summary>Small helpers for writing SVG by hand: invariant numbers and escaped text.</summary>
internal static class Svg
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Num(double value) => Math.Round(value, 1).ToString("0.#", Invariant);

    public static string Count(long value) => value.ToString("N0", Invariant);

    public static string Percent(long part, long whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", Invariant) + "%";

    public static string Text(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Starts an SVG element that scales to its container's width.</summary>
    public static StringBuilder Open(double width, double height, string label) =>
        new StringBuilder()
            .Append(Invariant, $"<svg viewBox=\"0 0 {Num(width)} {Num(height)}\" role=\"img\" aria-label=\"{Text(label)}\">");

    /// <summary>A short label for a long name: the start and an ellipsis.</summary>
    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
