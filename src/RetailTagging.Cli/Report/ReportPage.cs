using System.Globalization;
using System.Text;

namespace RetailTagging.Cli.Report;

/// <summary>
/// The report as one self-contained HTML page: inline CSS, inline SVG charts and a few lines of inline script for
/// tooltips. Nothing is loaded from anywhere; the same data always gives the same bytes.
/// </summary>
internal static class ReportPage
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly Dictionary<string, string> DimensionColors = new(StringComparer.Ordinal)
    {
        ["value"] = "#2f6fed", ["lifecycle"] = "#0f9f8a", ["preference"] = "#8250df", ["risk"] = "#d9473f", ["service"] = "#e08a00",
    };

    private static readonly (string Kind, string Label, string Color)[] ChangeKinds =
    [
        ("Added", "Added", "#0f9f8a"), ("Removed", "Removed", "#d9473f"), ("ValueChanged", "Value changed", "#2f6fed"), ("Expired", "Expired (TTL)", "#e08a00"),
    ];

    public static string Render(ReportData data)
    {
        var html = new StringBuilder();
        var asOf = data.AsOfUtc is { } at ? at.ToString("yyyy-MM-dd HH:mm", Invariant) + " UTC" : "no tagging run yet";
        var firings = data.Triggers.Sum(t => t.Firings);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append($"<title>RetailTagging report · {Svg.Text(data.Source)}</title>\n<style>{Css}</style>\n</head>\n<body>\n<main>\n");

        html.Append("<header>\n<p class=\"brand\">RetailTagging</p>\n<h1>Customer tags report</h1>\n")
            .Append($"<p class=\"sub\">{Svg.Text(data.Source)} · as of {Svg.Text(asOf)}</p>\n<div class=\"kpis\">")
            .Append(Kpi("Customers", Svg.Count(data.Customers), "in the database"))
            .Append(Kpi("Events", Svg.Count(data.Events), data.Customers == 0 ? "" : string.Create(Invariant, $"{(double)data.Events / data.Customers:0.0} per customer")))
            .Append(Kpi("Tags held", Svg.Count(data.Assignments), data.Customers == 0 ? "" : string.Create(Invariant, $"{(double)data.Assignments / data.Customers:0.0} per customer")))
            .Append(Kpi("Trigger firings", Svg.Count(firings), $"{Svg.Count(data.Triggers.Sum(t => t.Pending))} timers pending"))
            .Append("</div>\n</header>\n");

        html.Append("<section id=\"dimensions\" class=\"card\">\n<h2>Tag populations by dimension</h2>\n")
            .Append($"<p class=\"note\">Customers holding each tag: the {ReportQueries.BarsPerDimension} most held tags of each governance dimension, ")
            .Append("leaving out those every customer holds (valued facts such as a spend total).</p>\n<div class=\"grid\">\n");
        foreach (var d in data.Dimensions)
        {
            var color = DimensionColors.GetValueOrDefault(d.Dimension, "#5b6b7f");
            html.Append($"<figure class=\"dimension\" data-dimension=\"{Svg.Text(d.Dimension)}\">\n<figcaption><span class=\"dot\" style=\"background:{color}\"></span>")
                .Append($"{Svg.Text(Title(d.Dimension))} <small>{d.Tags} tags · {d.HeldByAll} held by everyone</small></figcaption>\n")
                .Append(BarChart.Render(d.Bars, color, data.Customers, $"Most held {d.Dimension} tags", "tag"))
                .Append("\n</figure>\n");
        }
        html.Append("</div>\n</section>\n");

        html.Append("<div class=\"row\">\n<section id=\"rfm\" class=\"card\">\n<h2>RFM heat map</h2>\n")
            .Append("<p class=\"note\">Customers by recency and frequency score (quantiles, 5 = best); each cell shows the count and the mean monetary value.</p>\n")
            .Append(data.RfmCells.Count == 0 ? "<p class=\"empty\">No RFM scores stored.</p>" : Heatmap.Render(data.RfmCells, data.RfmBins))
            .Append("\n</section>\n<section id=\"segments\" class=\"card\">\n<h2>Segment sizes</h2>\n")
            .Append("<p class=\"note\">Customers per RFM segment (classic map), from the <code>rfm_segment</code> tag.</p>\n")
            .Append(BarChart.Render(data.Segments, "#2f6fed", data.Customers, "Customers per RFM segment", "segment"))
            .Append("\n</section>\n</div>\n");

        html.Append("<div class=\"row\">\n<section id=\"triggers\" class=\"card\">\n<h2>Lifecycle triggers</h2>\n")
            .Append("<p class=\"note\">Firings handed to the delivery outbox, and timers still waiting (delays, birthdays, inactivity); each series has its own scale.</p>\n")
            .Append(TriggerChart.Render(data.Triggers, "#8250df", "#d5c8f4"))
            .Append("\n</section>\n<section id=\"about\" class=\"card\">\n<h2>About this report</h2>\n")
            .Append(About(data))
            .Append("\n</section>\n</div>\n");

        html.Append("<section id=\"changes\" class=\"card\">\n<h2>Tag changes over time</h2>\n")
            .Append("<p class=\"note\">Tag history rows per day, by kind: what each batch run changed (valued tags such as day counters change on every run).</p>\n")
            .Append(ColumnChart.Render(data.Changes, ChangeKinds))
            .Append("\n</section>\n");

        html.Append("<footer>Generated by <code>retail-tags report</code> from the database alone: no network access, all charts are inline SVG.</footer>\n")
            .Append("</main>\n<div id=\"tip\" role=\"tooltip\" hidden></div>\n<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Kpi(string label, string value, string note) =>
        $"<div class=\"kpi\"><span class=\"kpi-label\">{Svg.Text(label)}</span><span class=\"kpi-value\">{Svg.Text(value)}</span><span class=\"kpi-note\">{Svg.Text(note)}</span></div>";

    private static string About(ReportData data)
    {
        var changes = data.Changes.Sum(c => c.Total);
        return new StringBuilder()
            .Append("<dl class=\"facts\">")
            .Append($"<dt>Database</dt><dd>{Svg.Text(data.Source)}</dd>")
            .Append($"<dt>Dimensions</dt><dd>{data.Dimensions.Count} ({Svg.Text(string.Join(", ", data.Dimensions.Select(d => d.Dimension)))})</dd>")
            .Append($"<dt>Tags defined</dt><dd>{Svg.Count(data.Dimensions.Sum(d => d.Tags))}</dd>")
            .Append($"<dt>Tag changes</dt><dd>{Svg.Count(changes)} over {data.Changes.Count} day(s)</dd>")
            .Append($"<dt>RFM segments</dt><dd>{data.Segments.Count}</dd>")
            .Append($"<dt>Triggers</dt><dd>{data.Triggers.Count}</dd>")
            .Append("</dl><p class=\"note\">Hover a bar or a cell for its exact figures. Regenerate with <code>retail-tags report --db &lt;file&gt; --out report.html</code>.</p>")
            .ToString();
    }

    private static string Title(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private const string Css = """
        :root { --ink: #17324d; --muted: #5b6b7f; --line: #e3e8ef; --bg: #f4f6fa; --card: #ffffff; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--ink); font: 14px/1.45 -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 1120px; margin: 0 auto; padding: 28px 24px 40px; }
        header { margin-bottom: 18px; }
        .brand { margin: 0; color: #2f6fed; font-weight: 700; letter-spacing: .08em; text-transform: uppercase; font-size: 12px; }
        h1 { margin: 4px 0 2px; font-size: 28px; }
        .sub { margin: 0 0 16px; color: var(--muted); }
        .kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; }
        .kpi { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; display: flex; flex-direction: column; }
        .kpi-label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .05em; }
        .kpi-value { font-size: 26px; font-weight: 700; }
        .kpi-note { color: var(--muted); font-size: 12px; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 16px 20px 18px; margin-bottom: 16px; }
        .row { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
        .row > .card { margin-bottom: 16px; }
        h2 { margin: 0 0 2px; font-size: 17px; }
        .note { margin: 0 0 10px; color: var(--muted); font-size: 12.5px; }
        .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 10px 22px; }
        figure { margin: 0; }
        figcaption { font-weight: 600; margin: 6px 0 2px; }
        figcaption small { color: var(--muted); font-weight: 400; margin-left: 4px; }
        .dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 6px; }
        svg { width: 100%; height: auto; display: block; }
        svg text { font-size: 11.5px; }
        svg text:not([fill]) { fill: var(--ink); }
        svg .label { fill: #33475b; }
        svg .value, svg .axis, svg .legend { fill: var(--muted); }
        svg .axis-title { fill: var(--muted); font-size: 11px; }
        svg .cell-count { font-size: 15px; font-weight: 700; }
        svg .cell-note { font-size: 11px; }
        svg .grid { stroke: var(--line); stroke-width: 1; }
        svg .empty { fill: var(--muted); font-style: italic; }
        svg [data-tip]:hover { opacity: .82; }
        .facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 14px; margin: 6px 0 12px; }
        .facts dt { color: var(--muted); }
        .facts dd { margin: 0; font-weight: 600; }
        code { background: #eef2f8; border-radius: 4px; padding: 1px 5px; font-size: 12px; }
        footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 8px; }
        #tip { position: absolute; pointer-events: none; background: #17324d; color: #fff; padding: 5px 9px; border-radius: 6px; font-size: 12px; box-shadow: 0 4px 14px rgba(0,0,0,.18); }
        @media (max-width: 820px) { .row, .kpis { grid-template-columns: 1fr 1fr; } .row { grid-template-columns: 1fr; } }
        """;

    private const string Script = """
        (function () {
          var tip = document.getElementById('tip');
          var items = document.querySelectorAll('[data-tip]');
          for (var i = 0; i < items.length; i++) {
            items[i].addEventListener('mousemove', function (e) {
              tip.textContent = this.getAttribute('data-tip');
              tip.hidden = false;
              tip.style.left = (e.pageX + 14) + 'px';
              tip.style.top = (e.pageY + 14) + 'px';
            });
            items[i].addEventListener('mouseleave', function () { tip.hidden = true; });
          }
          document.documentElement.setAttribute('data-ready', String(items.length));
        })();
        """;
}
