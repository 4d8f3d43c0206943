using System.Text;

namespace RetailTagging.Cli.Report;

/// <summary>A horizontal bar chart: one labelled bar per item, the value and its share of a total at the end of the bar.</summary>
internal static class BarChart
{
    private const double Width = 520, LabelWidth = 170, ValueWidth = 110, BarHeight = 20, Gap = 6, Top = 4;

    /// <param name="bars">The bars, top to bottom.</param>
    /// <param name="color">The bars' fill.</param>
    /// <param name="share">The total shares are taken of (customers), or null for no share.</param>
    /// <param name="label">The chart's accessible name.</param>
    /// <param name="kind">A class name on each bar (and <c>bar</c>), for styling and tests.</param>
    public static string Render(IReadOnlyList<Bar> bars, string color, long? share, string label, string kind)
    {
        var height = Top * 2 + Math.Max(1, bars.Count) * (BarHeight + Gap);
        var svg = Svg.Open(Width, height, label);
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var span = Width - LabelWidth - ValueWidth;
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Top + i * (BarHeight + Gap);
            var length = Math.Max(1, span * bar.Value / max);
            var shareText = share is { } total ? $" ({Svg.Percent(bar.Value, total)})" : "";
            var tip = $"{bar.Label}: {Svg.Count(bar.Value)}{shareText}";
            svg.Append($"<text class=\"label\" x=\"{Svg.Num(LabelWidth - 8)}\" y=\"{Svg.Num(y + BarHeight - 6)}\" text-anchor=\"end\">{Svg.Text(Svg.Shorten(bar.Label, 24))}</text>")
                .Append($"<rect class=\"bar {kind}\" x=\"{Svg.Num(LabelWidth)}\" y=\"{Svg.Num(y)}\" width=\"{Svg.Num(length)}\" height=\"{Svg.Num(BarHeight)}\" rx=\"3\" fill=\"{color}\" data-value=\"{bar.Value}\" data-tip=\"{Svg.Text(tip)}\"/>")
                .Append($"<text class=\"value\" x=\"{Svg.Num(LabelWidth + length + 6)}\" y=\"{Svg.Num(y + BarHeight - 6)}\">{Svg.Count(bar.Value)}{Svg.Text(shareText)}</text>");
        }
        if (bars.Count == 0)
            svg.Append($"<text class=\"empty\" x=\"{Svg.Num(LabelWidth)}\" y=\"{Svg.Num(Top + BarHeight - 6)}\">nothing recorded</text>");
        return svg.Append("</svg>").ToString();
    }
}
