namespace RetailTagging.Cli.Report;

/// <summary>Per trigger: firings handed to the outbox (solid bar) and timers still pending (light bar beneath).</summary>
internal static class TriggerChart
{
    private const double Width = 520, LabelWidth = 170, ValueWidth = 120, Row = 34, Top = 30;

    public static string Render(IReadOnlyList<TriggerBar> triggers, string firedColor, string pendingColor)
    {
        var svg = Svg.Open(Width, Top + Math.Max(1, triggers.Count) * Row + 4, "Trigger firings and pending timers per trigger");
        svg.Append($"<rect class=\"legend-swatch\" x=\"{Svg.Num(LabelWidth)}\" y=\"6\" width=\"12\" height=\"12\" rx=\"2\" fill=\"{firedColor}\"/>")
            .Append($"<text class=\"legend\" x=\"{Svg.Num(LabelWidth + 18)}\" y=\"16\">fired</text>")
            .Append($"<rect class=\"legend-swatch\" x=\"{Svg.Num(LabelWidth + 70)}\" y=\"6\" width=\"12\" height=\"12\" rx=\"2\" fill=\"{pendingColor}\"/>")
            .Append($"<text class=\"legend\" x=\"{Svg.Num(LabelWidth + 88)}\" y=\"16\">pending timers</text>");
        // Each series on its own scale: pending birthday timers outnumber a month's firings by far.
        var maxFired = Math.Max(1, triggers.Count == 0 ? 1 : triggers.Max(t => t.Firings));
        var maxPending = Math.Max(1, triggers.Count == 0 ? 1 : triggers.Max(t => t.Pending));
        var span = Width - LabelWidth - ValueWidth;
        for (var i = 0; i < triggers.Count; i++)
        {
            var t = triggers[i];
            var y = Top + i * Row;
            var fired = t.Firings == 0 ? 0 : Math.Max(1, span * t.Firings / maxFired);
            var pending = t.Pending == 0 ? 0 : Math.Max(1, span * t.Pending / maxPending);
            svg.Append($"<text class=\"label\" x=\"{Svg.Num(LabelWidth - 8)}\" y=\"{Svg.Num(y + 14)}\" text-anchor=\"end\">{Svg.Text(Svg.Shorten(t.Trigger, 24))}</text>")
                .Append($"<rect class=\"bar fired\" x=\"{Svg.Num(LabelWidth)}\" y=\"{Svg.Num(y)}\" width=\"{Svg.Num(fired)}\" height=\"16\" rx=\"3\" fill=\"{firedColor}\" ")
                .Append($"data-value=\"{t.Firings}\" data-tip=\"{Svg.Text($"{t.Trigger}: {Svg.Count(t.Firings)} fired")}\"/>")
                .Append($"<rect class=\"bar pending\" x=\"{Svg.Num(LabelWidth)}\" y=\"{Svg.Num(y + 18)}\" width=\"{Svg.Num(pending)}\" height=\"8\" rx=\"2\" fill=\"{pendingColor}\" ")
                .Append($"data-value=\"{t.Pending}\" data-tip=\"{Svg.Text($"{t.Trigger}: {Svg.Count(t.Pending)} pending timers")}\"/>")
                .Append($"<text class=\"value\" x=\"{Svg.Num(LabelWidth + Math.Max(fired, pending) + 6)}\" y=\"{Svg.Num(y + 14)}\">{Svg.Count(t.Firings)} · {Svg.Count(t.Pending)}</text>");
        }
        if (triggers.Count == 0)
            svg.Append($"<text class=\"empty\" x=\"{Svg.Num(LabelWidth)}\" y=\"{Svg.Num(Top + 14)}\">no trigger fired</text>");
        return svg.Append("</svg>").ToString();
    }
}
