using System.Globalization;
using System.Net;
using System.Text;

namespace RetailTagging.Benchmarks.Reporting;

/// <summary>
/// A horizontal bar chart of mean times per group, on a log scale (contenders differ by orders of
/// magnitude), each bar labelled with its time and its ratio to our case. Every number comes from
/// the results passed in.
/// </summary>
internal static class SvgChart
{
    private const int Width = 980, LabelWidth = 300, BarHeight = 18, Gap = 6, GroupGap = 34, Left = 10, ChartRight = 720;

    public static string Render(IReadOnlyList<IGrouping<string, BenchmarkResult>> groups, string title)
    {
        var min = groups.SelectMany(g => g).Min(r => r.MeanNs);
        var max = groups.SelectMany(g => g).Max(r => r.MeanNs);
        var lo = Math.Floor(Math.Log10(Math.Max(min, 0.1)));
        var hi = Math.Ceiling(Math.Log10(max));
        if (hi <= lo) hi = lo + 1;
        double X(double ns) => LabelWidth + (ChartRight - LabelWidth) * (Math.Log10(Math.Max(ns, 0.1)) - lo) / (hi - lo);

        var height = 60 + groups.Sum(g => GroupGap + g.Count() * (BarHeight + Gap)) + 30;
        var s = new StringBuilder();
        s.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"Segoe UI, Helvetica, Arial, sans-serif\" font-size=\"12\">\n"));
        s.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.Append(Invariant($"<text x=\"{Left}\" y=\"22\" font-size=\"16\" font-weight=\"bold\">{Escape(title)}</text>\n"));
        s.Append(Invariant($"<text x=\"{Left}\" y=\"40\" fill=\"#555\">Mean time per operation, log scale. Ratio = time / RetailTagging's time in the same group (lower is faster).</text>\n"));

        var y = 60.0;
        for (var decade = lo; decade <= hi; decade++)
        {
            var x = X(Math.Pow(10, decade));
            s.Append(Invariant($"<line x1=\"{x:F1}\" y1=\"{y}\" x2=\"{x:F1}\" y2=\"{height - 30}\" stroke=\"#e3e3e3\"/>\n"));
            s.Append(Invariant($"<text x=\"{x:F1}\" y=\"{height - 14}\" text-anchor=\"middle\" fill=\"#777\">{Escape(Comparisons.Time(Math.Pow(10, decade)))}</text>\n"));
        }

        foreach (var group in groups)
        {
            y += GroupGap;
            s.Append(Invariant($"<text x=\"{Left}\" y=\"{y - 8:F1}\" font-weight=\"bold\">{Escape(group.Key)}</text>\n"));
            var ours = Comparisons.Ours(group);
            foreach (var r in group.OrderBy(r => r.MeanNs))
            {
                var isOurs = ReferenceEquals(r, ours);
                var x = X(r.MeanNs);
                var ratio = Comparisons.Ratio(r, ours);
                var label = $"{Comparisons.Time(r.MeanNs)}" + (ratio is null || isOurs ? "" : $"  ({Comparisons.Times(ratio)})") + $"  {Comparisons.Bytes(r.BytesPerOperation)} alloc";
                s.Append(Invariant($"<text x=\"{LabelWidth - 8}\" y=\"{y + BarHeight - 5:F1}\" text-anchor=\"end\">{Escape(r.Title)}</text>\n"));
                s.Append(Invariant($"<rect x=\"{LabelWidth}\" y=\"{y:F1}\" width=\"{Math.Max(1, x - LabelWidth):F1}\" height=\"{BarHeight}\" fill=\"{(isOurs ? "#2b7bb9" : "#b0b7bf")}\"/>\n"));
                s.Append(Invariant($"<text x=\"{x + 6:F1}\" y=\"{y + BarHeight - 5:F1}\" fill=\"#222\">{Escape(label)}</text>\n"));
                y += BarHeight + Gap;
            }
        }
        s.Append("</svg>\n");
        return s.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
