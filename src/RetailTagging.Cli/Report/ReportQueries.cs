using Microsoft.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore;
using RetailTagging.Rfm.Profiles;

namespace RetailTagging.Cli.Report;

/// <summary>Reads the report's figures from a RetailTagging database with EF Core queries (aggregation runs in the database).</summary>
internal static class ReportQueries
{
    /// <summary>The governance dimensions in the order the reference catalog declares them; others follow by name.</summary>
    private static readonly string[] DimensionOrder = ["value", "lifecycle", "preference", "risk", "service"];

    public const int BarsPerDimension = 8;
    public const string SegmentTag = "rfm_segment";

    public static async Task<ReportData> ReadAsync(RetailTaggingDbContext db, string source, CancellationToken cancellationToken)
    {
        var customers = await db.Customers.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var events = await db.Events.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var assignments = await db.TagAssignments.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var asOf = await db.TagSets.MaxAsync(s => (DateTime?)s.AsOfUtc, cancellationToken).ConfigureAwait(false);
        return new ReportData
        {
            Source = source,
            Customers = customers,
            Events = events,
            Assignments = assignments,
            AsOfUtc = asOf,
            Dimensions = await DimensionsAsync(db, customers, cancellationToken).ConfigureAwait(false),
            RfmCells = await RfmCellsAsync(db, cancellationToken).ConfigureAwait(false),
            RfmBins = 5,
            Segments = await SegmentsAsync(db, cancellationToken).ConfigureAwait(false),
            Triggers = await TriggersAsync(db, cancellationToken).ConfigureAwait(false),
            Changes = await ChangesAsync(db, cancellationToken).ConfigureAwait(false),
        };
    }

    // Tags every customer holds (valued facts such as a 365-day spend, 0 included) say nothing about the population:
    // they are counted, and the bars show the most held of the others.
    private static async Task<IReadOnlyList<DimensionBars>> DimensionsAsync(RetailTaggingDbContext db, long customers, CancellationToken cancellationToken)
    {
        var definitions = await db.TagDefinitions.Select(d => new { d.Name, d.Dimension }).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        var dimensionOf = definitions.GroupBy(d => d.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(d => d.Dimension).FirstOrDefault(d => d is not null) ?? "(none)", StringComparer.Ordinal);
        var holders = await db.TagAssignments.GroupBy(a => a.Tag).Select(g => new { Tag = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return dimensionOf.GroupBy(p => p.Value, StringComparer.Ordinal)
            .OrderBy(g => Array.IndexOf(DimensionOrder, g.Key) is var i && i >= 0 ? i : DimensionOrder.Length).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DimensionBars(g.Key, g.Count(),
                holders.Count(h => dimensionOf.GetValueOrDefault(h.Tag) == g.Key && h.Count >= customers),
                [.. holders.Where(h => dimensionOf.GetValueOrDefault(h.Tag) == g.Key && h.Count < customers)
                    .OrderByDescending(h => h.Count).ThenBy(h => h.Tag, StringComparer.Ordinal)
                    .Take(BarsPerDimension).Select(h => new Bar(h.Tag, h.Count))]))
            .ToList();
    }

    private static async Task<IReadOnlyList<HeatCell>> RfmCellsAsync(RetailTaggingDbContext db, CancellationToken cancellationToken)
    {
        var latest = await db.ScoreSnapshots.Where(s => s.Score == RfmValueNames.RScore).MaxAsync(s => (DateTime?)s.AsOfUtc, cancellationToken).ConfigureAwait(false);
        if (latest is not { } at)
            return [];
        var scores = db.ScoreSnapshots.Where(s => s.AsOfUtc == at);
        var rows = await (
                from r in scores.Where(s => s.Score == RfmValueNames.RScore)
                join f in scores.Where(s => s.Score == RfmValueNames.FScore) on r.CustomerId equals f.CustomerId
                join m in scores.Where(s => s.Score == RfmValueNames.Monetary) on r.CustomerId equals m.CustomerId
                group m.Value by new { R = r.Value, F = f.Value } into g
                select new { g.Key.R, g.Key.F, Customers = g.LongCount(), Mean = g.Average() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var cells = new List<HeatCell>();
        for (var r = 1; r <= 5; r++)
        for (var f = 1; f <= 5; f++)
        {
            var row = rows.FirstOrDefault(x => (int)x.R == r && (int)x.F == f);
            cells.Add(new HeatCell(r, f, row?.Customers ?? 0, row?.Mean));
        }
        return cells;
    }

    private static async Task<IReadOnlyList<Bar>> SegmentsAsync(RetailTaggingDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.TagAssignments.Where(a => a.Tag == SegmentTag).GroupBy(a => a.Value)
            .Select(g => new { Value = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new Bar(Unquote(r.Value), r.Count)).OrderByDescending(b => b.Value).ThenBy(b => b.Label, StringComparer.Ordinal)];
    }

    private static async Task<IReadOnlyList<TriggerBar>> TriggersAsync(RetailTaggingDbContext db, CancellationToken cancellationToken)
    {
        var firings = await db.OutboxMessages.GroupBy(o => o.TriggerId).Select(g => new { Trigger = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var pending = await db.TriggerTimers.GroupBy(t => t.TriggerId).Select(g => new { Trigger = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var fired = firings.ToDictionary(f => f.Trigger, f => f.Count, StringComparer.Ordinal);
        var waiting = pending.ToDictionary(p => p.Trigger, p => p.Count, StringComparer.Ordinal);
        return [.. fired.Keys.Union(waiting.Keys, StringComparer.Ordinal)
            .Select(t => new TriggerBar(t, fired.GetValueOrDefault(t), waiting.GetValueOrDefault(t)))
            .OrderByDescending(t => t.Firings).ThenByDescending(t => t.Pending).ThenBy(t => t.Trigger, StringComparer.Ordinal)];
    }

    private static async Task<IReadOnlyList<ChangeColumn>> ChangesAsync(RetailTaggingDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.TagHistory.GroupBy(h => new { h.AtUtc.Date, h.Kind })
            .Select(g => new { g.Key.Date, g.Key.Kind, Count = g.LongCount() }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.GroupBy(r => DateOnly.FromDateTime(r.Date)).OrderBy(g => g.Key)
            .Select(g => new ChangeColumn(g.Key, new SortedDictionary<string, long>(g.ToDictionary(r => r.Kind, r => r.Count, StringComparer.Ordinal), StringComparer.Ordinal)))];
    }

    // Tag values are stored as literals: a string value is quoted ("Champions").
    private static string Unquote(string literal) =>
        literal.Length >= 2 && literal[0] == '"' && literal[^1] == '"' ? literal[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal) : literal;
}
