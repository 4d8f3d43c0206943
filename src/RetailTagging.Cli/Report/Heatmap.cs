using System.Globalization;

namespace RetailTagging.Cli.Report;

/// <summary>
/// The RFM heat map: recency score upwards, frequency score to the right; a cell's shade grows with its customers and
/// it shows their count and mean monetary value.
/// </summary>
internal static class Heatmap
{
    private const double Cell = 84, Left = 44, Top = 8, Bottom = 40;

    public static string Render(IReadOnlyList<HeatCell> cells, int bins)
    {
        var size = bins * Cell;
        var svg = Svg.Open(Left + size + 8, Top + size + Bottom, "RFM heat map: customers by recency and frequency score");
        var max = Math.Max(1, cells.Count == 0 ? 1 : cells.Max(c => c.Customers));
        var total = cells.Sum(c => c.Customers);
        foreach (var c in cells)
        {
            var x = Left + (c.F - 1) * Cell;
            var y = Top + (bins - c.R) * Cell;
            var shade = Math.Sqrt((double)c.Customers / max);
            var ink = shade > 0.55 ? "#ffffff" : "#17324d";
            var mean = c.MeanMonetary is { } m ? "¥" + m.ToString("N0", CultureInfo.InvariantCulture) : "-";
            var tip = $"R={c.R} F={c.F}: {Svg.Count(c.Customers)} customers ({Svg.Percent(c.Customers, total)}), mean monetary {mean}";
            svg.Append($"<rect class=\"cell\" x=\"{Svg.Num(x + 1)}\" y=\"{Svg.Num(y + 1)}\" width=\"{Svg.Num(Cell - 2)}\" height=\"{Svg.Num(Cell - 2)}\" rx=\"4\" ")
                .Append($"fill=\"{Color(shade)}\" data-r=\"{c.R}\" data-f=\"{c.F}\" data-value=\"{c.Customers}\" data-tip=\"{Svg.Text(tip)}\"/>")
                .Append($"<text class=\"cell-count\" x=\"{Svg.Num(x + Cell / 2)}\" y=\"{Svg.Num(y + Cell / 2 - 2)}\" text-anchor=\"middle\" fill=\"{ink}\">{Svg.Count(c.Customers)}</text>")
                .Append($"<text class=\"cell-note\" x=\"{Svg.Num(x + Cell / 2)}\" y=\"{Svg.Num(y + Cell / 2 + 15)}\" text-anchor=\"middle\" fill=\"{ink}\">{Svg.Text(mean)}</text>");
        }
        for (var r = 1; r <= bins; r++)
            svg.Append($"<text class=\"axis\" x=\"{Svg.Num(Left - 8)}\" y=\"{Svg.Num(Top + (bins - r) * Cell + Cell / 2 + 4)}\" text-anchor=\"end\">R{r}</text>");
        for (var f = 1; f <= bins; f++)
            svg.Append($"<text class=\"axis\" x=\"{Svg.Num(Left + (f - 1) * Cell + Cell / 2)}\" y=\"{Svg.Num(Top + size + 16)}\" text-anchor=\"middle\">F{f}</text>");
        svg.Append($"<text class=\"axis-title\" x=\"{Svg.Num(Left + size / 2)}\" y=\"{Svg.Num(Top + size + 34)}\" text-anchor=\"middle\">frequency score →  (rows: recency score, 5 = most recent)</text>");
        return svg.Append("</svg>").ToString();
    }

    // From a pale blue to a deep navy; the shade is the square root of the share of the fullest cell, so small cells still show.
    private static string Color(double shade)
    {
        static int Mix(int from, int to, double t) => (int)Math.Round(from + (to - from) * t);
        var t = Math.Clamp(shade, 0, 1);
        return $"rgb({Mix(234, 22, t)},{Mix(242, 71, t)},{Mix(251, 128, t)})";
    }
}
