using System.Globalization;
using RetailTagging.Engine;
using RetailTagging.Lifecycle;
using RetailTagging.Rfm.Grid;
using Spectre.Console;

namespace RetailTagging.Cli.Demo;

/// <summary>Prints the demo's summary: the data, identities, RFM, tags by dimension, segments, tag changes, triggers, timings.</summary>
internal static class DemoSummaryWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(IAnsiConsole console, DemoSummary s)
    {
        console.Write(new Rule($"[bold]RetailTagging demo[/]: {N(s.Customers)} customers as of {Instant(s.AsOf)}").LeftJustified());
        console.MarkupLine($"Data: {N(s.Events)} events ({string.Join(", ", s.EventsByType.OrderByDescending(p => p.Value).Select(p => $"{N(p.Value)} {p.Key}"))})");
        WriteIdentity(console, s.Identity);
        WriteRfm(console, s);
        WriteDimensions(console, s);
        WriteSegments(console, s);
        WriteChanges(console, s);
        WriteTriggers(console, s);
        WriteTimings(console, s);
        console.WriteLine();
        console.MarkupLineInterpolated($"Stored in [bold]{s.DatabasePath}[/]{Size(s.DatabasePath)}. Next: [bold]retail-tags report --db {s.DatabasePath} --out report.html[/]");
    }

    private static void WriteIdentity(IAnsiConsole console, IdentityOutcome identity)
    {
        Section(console, "Identity resolution");
        var sources = string.Join(", ", identity.RecordsBySource.Select(p => $"{N(p.Value)} {p.Key}"));
        console.WriteLine($"{N(identity.Records)} source records ({sources}) resolved into {N(identity.Customers)} customers for {N(identity.Persons)} true persons.");
        console.WriteLine(string.Create(Invariant,
            $"Pairwise precision {identity.Accuracy.Precision:0.0000}, recall {identity.Accuracy.Recall:0.0000}, F1 {identity.Accuracy.F1:0.0000}; {N(identity.IdentifierIssues)} invalid or blocked identifiers; {N(identity.ReviewItems)} pairs left for review."));
    }

    private static void WriteRfm(IAnsiConsole console, DemoSummary s)
    {
        Section(console, "RFM grid (recency score by frequency score; customers / mean monetary)");
        console.Write(new Text(RfmGridRenderer.ToText(s.Grid)));
        var bg = s.Rfm.BgNbd.Parameters is { } p
            ? string.Create(Invariant, $"BG/NBD r={p.R:0.000} alpha={p.Alpha:0.00} a={p.A:0.000} b={p.B:0.000}")
            : $"BG/NBD not fitted: {s.Rfm.BgNbd.Error?.Message}";
        var gg = s.Rfm.GammaGamma.Parameters is { } g
            ? string.Create(Invariant, $"Gamma-Gamma p={g.P:0.000} q={g.Q:0.000} gamma={g.Gamma:0.00}")
            : $"Gamma-Gamma not fitted: {s.Rfm.GammaGamma.Error?.Message}";
        console.WriteLine($"{bg}; {gg} (fitted on {N(s.Rfm.Buyers)} buyers; they give score(\"p_alive\") and score(\"clv\")).");
    }

    private static void WriteDimensions(IAnsiConsole console, DemoSummary s)
    {
        Section(console, $"Tags by dimension ({N(s.Assignments)} tags held, {s.CatalogTags} tags in the catalog)");
        var table = NewTable("dimension", "#tags", "#held", "#customers", "most held (of the tags not everyone holds)");
        foreach (var d in s.Dimensions)
            table.AddRow(Markup.Escape(d.Dimension), N(d.Tags), N(d.Assignments), $"{N(d.Customers)} ({Percent(d.Customers, s.Customers)})",
                Markup.Escape(string.Join(", ", d.TopTags.Select(t => $"{t.Tag} {N(t.Customers)}"))));
        console.Write(table);
    }

    private static void WriteSegments(IAnsiConsole console, DemoSummary s)
    {
        Section(console, "Largest segments");
        var table = NewTable("audience (catalog segment)", "#customers", "RFM segment", "#customers");
        var audiences = s.CatalogSegments.Take(8).ToList();
        var rfm = s.RfmSegments.Take(8).ToList();
        for (var i = 0; i < Math.Max(audiences.Count, rfm.Count); i++)
        {
            table.AddRow(
                i < audiences.Count ? Markup.Escape(audiences[i].Segment) : "", i < audiences.Count ? $"{N(audiences[i].Customers)} ({Percent(audiences[i].Customers, s.Customers)})" : "",
                i < rfm.Count ? Markup.Escape(rfm[i].Segment) : "", i < rfm.Count ? $"{N(rfm[i].Customers)} ({Percent(rfm[i].Customers, s.Customers)})" : "");
        }
        console.Write(table);
    }

    private static void WriteChanges(IAnsiConsole console, DemoSummary s)
    {
        Section(console, "Tag changes by weekly run (the first run is the initial load)");
        var table = NewTable("run as of", "#added", "#removed", "#value changed", "#expired", "#total");
        foreach (var run in s.Changes)
            table.AddRow(Instant(run.At), N(run.ByKind.GetValueOrDefault(TagChangeKind.Added)), N(run.ByKind.GetValueOrDefault(TagChangeKind.Removed)),
                N(run.ByKind.GetValueOrDefault(TagChangeKind.ValueChanged)), N(run.ByKind.GetValueOrDefault(TagChangeKind.Expired)), N(run.Total));
        console.Write(table);
    }

    private static void WriteTriggers(IAnsiConsole console, DemoSummary s)
    {
        Section(console, $"Trigger firings (replayed from {Instant(s.TriggerWindowStart)}; {N(s.PendingTimers)} timers still pending at the as-of instant)");
        var table = NewTable("trigger", "#delivered", "#scheduled", "#cancelled", "#deferred", "#suppressed");
        foreach (var t in s.Triggers.OrderByDescending(t => t.Delivered).ThenBy(t => t.Trigger, StringComparer.Ordinal))
            table.AddRow(Markup.Escape(t.Trigger), N(t.Delivered), N(t.ByOutcome.GetValueOrDefault(TriggerOutcome.Scheduled)), N(t.ByOutcome.GetValueOrDefault(TriggerOutcome.Cancelled)),
                N(t.ByOutcome.GetValueOrDefault(TriggerOutcome.Deferred)), N(t.ByOutcome.GetValueOrDefault(TriggerOutcome.Suppressed)));
        console.Write(table);
        console.WriteLine("Sample firings (the latest):");
        var sample = NewTable("at", "trigger", "customer", "action", "channel");
        foreach (var f in s.SampleFirings)
            sample.AddRow(Instant(f.AttemptedAt), Markup.Escape(f.TriggerId), Markup.Escape(f.CustomerId), Markup.Escape(f.Action), f.Channel.ToString());
        console.Write(sample);
    }

    private static void WriteTimings(IAnsiConsole console, DemoSummary s)
    {
        Section(console, "Timings");
        var table = NewTable("step", "#seconds", "work");
        foreach (var t in s.Timings)
            table.AddRow(Markup.Escape(t.Step), t.Elapsed.TotalSeconds.ToString("0.0", Invariant), Markup.Escape(t.Work));
        console.Write(table);
    }

    private static void Section(IAnsiConsole console, string title)
    {
        console.WriteLine();
        console.Write(new Rule($"[bold]{Markup.Escape(title)}[/]").LeftJustified());
    }

    // A column named "#name" holds numbers: right-aligned, shown as "name".
    private static Table NewTable(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in columns)
        {
            var numeric = column.StartsWith('#');
            var added = new TableColumn(Markup.Escape(numeric ? column[1..] : column));
            table.AddColumn(numeric ? added.RightAligned() : added);
        }
        return table;
    }

    private static string N(long value) => value.ToString("N0", Invariant);

    private static string Percent(long part, long whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", Invariant) + "%";

    private static string Instant(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd HH:mm zzz", Invariant);

    private static string Size(string path) =>
        File.Exists(path) ? $", {new FileInfo(path).Length / (1024.0 * 1024.0):0.0} MB" : "";
}
