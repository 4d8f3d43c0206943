using RetailTagging.Engine;
using RetailTagging.Lifecycle;
using RetailTagging.Rfm.Grid;

namespace RetailTagging.Cli.Demo;

/// <summary>Everything the demo prints at the end; every figure is counted from the run itself.</summary>
internal sealed record DemoSummary
{
    public required string DatabasePath { get; init; }
    public required long Customers { get; init; }
    public required long Events { get; init; }
    public required IReadOnlyDictionary<string, long> EventsByType { get; init; }
    public required DateTimeOffset AsOf { get; init; }
    public required IReadOnlyList<DateTimeOffset> Runs { get; init; }
    public required int CatalogTags { get; init; }
    public required IdentityOutcome Identity { get; init; }
    public required FittedRfmModels Rfm { get; init; }
    public required RfmGrid Grid { get; init; }
    public required IReadOnlyList<(string Segment, long Customers)> RfmSegments { get; init; }
    public required IReadOnlyList<DimensionCount> Dimensions { get; init; }
    public required long Assignments { get; init; }
    public required IReadOnlyList<(string Segment, long Customers)> CatalogSegments { get; init; }
    public required IReadOnlyList<RunChanges> Changes { get; init; }
    public required DateTimeOffset TriggerWindowStart { get; init; }
    public required IReadOnlyList<TriggerCount> Triggers { get; init; }
    public required IReadOnlyList<TriggerFiring> SampleFirings { get; init; }
    public required long PendingTimers { get; init; }
    public required IReadOnlyList<StepTiming> Timings { get; init; }
}

/// <summary>Tags of one dimension: assignments, customers holding at least one, and the most held tags.</summary>
internal sealed record DimensionCount(string Dimension, int Tags, long Assignments, long Customers, IReadOnlyList<(string Tag, long Customers)> TopTags);

/// <summary>The tag changes one weekly run wrote, by kind.</summary>
internal sealed record RunChanges(DateTimeOffset At, IReadOnlyDictionary<TagChangeKind, long> ByKind)
{
    public long Total => ByKind.Values.Sum();
}

/// <summary>One trigger's decisions by outcome.</summary>
internal sealed record TriggerCount(string Trigger, IReadOnlyDictionary<TriggerOutcome, long> ByOutcome)
{
    public long Delivered => ByOutcome.GetValueOrDefault(TriggerOutcome.Delivered);
}

/// <summary>How long one step took (wall clock) and how much it did.</summary>
internal sealed record StepTiming(string Step, TimeSpan Elapsed, string Work);
