using System.Globalization;

namespace RetailTagging.Cli.Report;

/// <summary>Stacked columns over time: one column per day, one segment per kind of change, with a legend.</summary>
internal static class ColumnChart
{
    private const double Width = 1040, Height = 300, Left = 70, Right = 16, Top = 36, Bottom = 40;

    public static string Render(IReadOnlyList<ChangeColumn> columns, IReadOnlyList<(string Kind, string Label, string Color)> kinds)
    {
        var svg = Svg.Open(Width, Height, "Tag changes per day, by kind");
        var x = Left;
        foreach (var (_, label, color) in kinds)
        {
            svg.Append($"<rect class=\"legend-swatch\" x=\"{Svg.Num(x)}\" y=\"8\" width=\"12\" height=\"12\" rx=\"2\" fill=\"{color}\"/>")
                .Append($"<text class=\"legend\" x=\"{Svg.Num(x + 18)}\" y=\"18\">{Svg.Text(label)}</text>");
            x += 40 + label.Length * 7.5;
        }
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var max = Math.Max(1, columns.Count == 0 ? 1 : columns.Max(c => c.Total));
        var scale = NiceMax(max);
        for (var g = 0; g <= 4; g++)
        {
            var y = Top + plotHeight - plotHeight * g / 4;
            svg.Append($"<line class=\"grid\" x1=\"{Svg.Num(Left)}\" x2=\"{Svg.Num(Width - Right)}\" y1=\"{Svg.Num(y)}\" y2=\"{Svg.Num(y)}\"/>")
                .Append($"<text class=\"axis\" x=\"{Svg.Num(Left - 8)}\" y=\"{Svg.Num(y + 4)}\" text-anchor=\"end\">{Svg.Count(scale * g / 4)}</text>");
        }
        var slot = columns.Count == 0 ? plotWidth : plotWidth / columns.Count;
        var barWidth = Math.Min(64, slot * 0.7);
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var cx = Left + slot * i + (slot - barWidth) / 2;
            var bottom = Top + plotHeight;
            svg.Append($"<g class=\"column\" data-day=\"{Day(column.Day)}\" data-value=\"{column.Total}\">");
            foreach (var (kind, label, color) in kinds)
            {
                var value = column.ByKind.GetValueOrDefault(kind);
                if (value == 0)
                    continue;
                var h = plotHeight * value / scale;
                bottom -= h;
                svg.Append($"<rect class=\"seg\" x=\"{Svg.Num(cx)}\" y=\"{Svg.Num(bottom)}\" width=\"{Svg.Num(barWidth)}\" height=\"{Svg.Num(Math.Max(h, 0.5))}\" fill=\"{color}\" ")
                    .Append($"data-kind=\"{kind}\" data-value=\"{value}\" data-tip=\"{Svg.Text($"{Day(column.Day)}: {Svg.Count(value)} {label.ToLowerInvariant()}")}\"/>");
            }
            svg.Append("</g>")
                .Append($"<text class=\"axis\" x=\"{Svg.Num(cx + barWidth / 2)}\" y=\"{Svg.Num(Top + plotHeight + 16)}\" text-anchor=\"middle\">{column.Day.ToString("MM-dd", CultureInfo.InvariantCulture)}</text>")
                .Append($"<text class=\"value\" x=\"{Svg.Num(cx + barWidth / 2)}\" y=\"{Svg.Num(bottom - 5)}\" text-anchor=\"middle\">{Svg.Count(column.Total)}</text>");
        }
        if (columns.Count == 0)
            svg.Append($"<text class=\"empty\" x=\"{Svg.Num(Left + 8)}\" y=\"{Svg.Num(Top + plotHeight / 2)}\">no tag changes recorded yet: run the batch again later</text>");
        return svg.Append("</svg>").ToString();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // A round upper bound for the axis: 1, 2 or 5 times a power of ten.
    internal static long NiceMax(long max)
    {
        var power = (long)Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new long[] { 1, 2, 5, 10 })
            if (step * power >= max)
                return step * power;
        return 10 * power;
    }
}
