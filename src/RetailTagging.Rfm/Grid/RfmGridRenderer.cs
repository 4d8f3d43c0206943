using System.Globalization;
using System.Net;
using System.Text;

namespace RetailTagging.Rfm.Grid;

/// <summary>Renders an <see cref="RfmGrid"/> as a text table (CLI) or an SVG heat map (HTML report).</summary>
public static class RfmGridRenderer
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// A fixed-width table: one row per recency score (best first), one column per frequency score, each cell
    /// "count / mean monetary".
    /// </summary>
    public static string ToText(RfmGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var cells = new string[grid.Bins, grid.Bins];
        var width = 8;
        for (var r = 1; r <= grid.Bins; r++)
        for (var f = 1; f <= grid.Bins; f++)
        {
            var cell = grid[r, f];
            cells[r - 1, f - 1] = cell.Count == 0 ? "-" : $"{cell.Count.ToString(Invariant)} / {cell.AverageMonetary!.Value.ToString("0.00", Invariant)}";
            width = Math.Max(width, cells[r - 1, f - 1].Length);
        }
        var text = new StringBuilder();
        text.Append("R \\ F".PadRight(6));
        for (var f = 1; f <= grid.Bins; f++)
            text.Append(" | ").Append(("F=" + f.ToString(Invariant)).PadLeft(width));
        text.AppendLine();
        text.Append(new string('-', 6 + grid.Bins * (width + 3))).AppendLine();
        for (var r = grid.Bins; r >= 1; r--)
        {
            text.Append(("R=" + r.ToString(Invariant)).PadRight(6));
            for (var f = 1; f <= grid.Bins; f++)
                text.Append(" | ").Append(cells[r - 1, f - 1].PadLeft(width));
            text.AppendLine();
        }
        text.Append("cells: customers / mean monetary; ").Append(grid.Total.ToString(Invariant)).Append(" customers").AppendLine();
        return text.ToString();
    }

    /// <summary>
    /// A self-contained SVG heat map: cell shade grows with the count; each cell shows the count and mean monetary
    /// value. Recency score increases upwards, frequency score to the right.
    /// </summary>
    public static string ToSvg(RfmGrid grid, string title = "RFM grid")
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(title);
        const int cell = 96, left = 56, top = 40, bottom = 44;
        var size = grid.Bins * cell;
        long max = 1;
        for (var r = 1; r <= grid.Bins; r++)
        for (var f = 1; f <= grid.Bins; f++)
            max = Math.Max(max, grid[r, f].Count);

        var svg = new StringBuilder();
        svg.Append(Invariant, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{left + size + 16}\" height=\"{top + size + bottom}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(Invariant, $"  <title>{WebUtility.HtmlEncode(title)}</title>\n");
        svg.Append(Invariant, $"  <text x=\"{left}\" y=\"24\" font-size=\"16\" font-weight=\"bold\">{WebUtility.HtmlEncode(title)}</text>\n");
        for (var r = 1; r <= grid.Bins; r++)
        {
            var y = top + (grid.Bins - r) * cell;
            svg.Append(Invariant, $"  <text x=\"{left - 8}\" y=\"{y + cell / 2}\" text-anchor=\"end\">R={r}</text>\n");
            for (var f = 1; f <= grid.Bins; f++)
            {
                var x = left + (f - 1) * cell;
                var c = grid[r, f];
                var shade = (double)c.Count / max;
                var fill = $"rgb({(int)(239 - 200 * shade)},{(int)(243 - 130 * shade)},{(int)(255 - 60 * shade)})";
                var ink = shade > 0.55 ? "#fff" : "#111";
                svg.Append(Invariant, $"  <rect x=\"{x}\" y=\"{y}\" width=\"{cell}\" height=\"{cell}\" fill=\"{fill}\" stroke=\"#fff\" stroke-width=\"2\"><title>R={r} F={f}: {c.Count} customers</title></rect>\n");
                svg.Append(Invariant, $"  <text x=\"{x + cell / 2}\" y=\"{y + cell / 2 - 4}\" text-anchor=\"middle\" font-size=\"15\" fill=\"{ink}\">{c.Count}</text>\n");
                var average = c.AverageMonetary is { } a ? a.ToString("0.00", Invariant) : "-";
                svg.Append(Invariant, $"  <text x=\"{x + cell / 2}\" y=\"{y + cell / 2 + 14}\" text-anchor=\"middle\" fill=\"{ink}\">avg {average}</text>\n");
            }
        }
        for (var f = 1; f <= grid.Bins; f++)
            svg.Append(Invariant, $"  <text x=\"{left + (f - 1) * cell + cell / 2}\" y=\"{top + size + 18}\" text-anchor=\"middle\">F={f}</text>\n");
        svg.Append(Invariant, $"  <text x=\"{left + size / 2}\" y=\"{top + size + 38}\" text-anchor=\"middle\" fill=\"#555\">frequency score; cells: customers and mean monetary value</text>\n");
        svg.Append("</svg>\n");
        return svg.ToString();
    }
}
