namespace RetailTagging.Cli.Report;

/// <summary>What the HTML report shows, read from a RetailTagging database; every list is in a fixed order.</summary>
internal sealed record ReportData
{
    public required string Source { get; init; }
    public required long Customers { get; init; }
    public required long Events { get; init; }
    public required long Assignments { get; init; }
    public required DateTime? AsOfUtc { get; init; }
    /// <summary>Tag populations grouped by dimension, in the catalog's dimension order, most held tags first.</summary>
    public required IReadOnlyList<DimensionBars> Dimensions { get; init; }
    /// <summary>The RFM grid: customers and mean monetary value per (recency score, frequency score); empty without scores.</summary>
    public required IReadOnlyList<HeatCell> RfmCells { get; init; }
    public required int RfmBins { get; init; }
    /// <summary>Customers per RFM segment (the <c>rfm_segment</c> tag), largest first.</summary>
    public required IReadOnlyList<Bar> Segments { get; init; }
    /// <summary>Trigger firings in the outbox and pending timers, per trigger.</summary>
    public required IReadOnlyList<TriggerBar> Triggers { get; init; }
    /// <summary>Tag changes per day and kind, oldest first.</summary>
    public required IReadOnlyList<ChangeColumn> Changes { get; init; }
}

/// <summary>One bar: a label and a count.</summary>
internal sealed record Bar(string Label, long Value);

/// <summary>
/// A dimension: its tags, how many of them every customer holds, and the most held of the others.
/// </summary>
internal sealed record DimensionBars(string Dimension, int Tags, int HeldByAll, IReadOnlyList<Bar> Bars);

/// <summary>One cell of the RFM heat map.</summary>
internal sealed record HeatCell(int R, int F, long Customers, double? MeanMonetary);

/// <summary>A trigger's firings waiting in the outbox (or delivered) and its timers still pending.</summary>
internal sealed record TriggerBar(string Trigger, long Firings, long Pending);

/// <summary>The tag changes written on one day, by kind (Added, Removed, ValueChanged, Expired).</summary>
internal sealed record ChangeColumn(DateOnly Day, IReadOnlyDictionary<string, long> ByKind)
{
    public long Total => ByKind.Values.Sum();
}
