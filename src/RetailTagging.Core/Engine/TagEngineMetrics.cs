using System.Diagnostics.Metrics;

namespace RetailTagging.Engine;

/// <summary>The engine's System.Diagnostics.Metrics instruments (meter "RetailTagging").</summary>
internal sealed class TagEngineMetrics
{
    public const string MeterName = "RetailTagging";

    private readonly Counter<long> _customers;
    private readonly Counter<long> _changes;
    private readonly Histogram<double> _duration;

    public TagEngineMetrics(IMeterFactory? factory)
    {
        var meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _customers = meter.CreateCounter<long>("retailtagging.customers.evaluated", "{customer}", "Customers evaluated.");
        _changes = meter.CreateCounter<long>("retailtagging.tag.changes", "{change}", "Tag changes found.");
        _duration = meter.CreateHistogram<double>("retailtagging.evaluation.duration", "us", "Time to evaluate one customer.");
    }

    public void Record(TagEvaluation evaluation, TimeSpan elapsed)
    {
        _customers.Add(1);
        if (evaluation.Changes.Count > 0) _changes.Add(evaluation.Changes.Count);
        _duration.Record(elapsed.TotalMicroseconds);
    }
}
