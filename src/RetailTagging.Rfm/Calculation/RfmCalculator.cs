namespace RetailTagging.Rfm.Calculation;

/// <summary>Computes <see cref="CustomerRfm"/> from one customer's event history. Thread-safe.</summary>
public sealed class RfmCalculator
{
    [ThreadStatic]
    private static (RfmCalculator Owner, RfmAccumulator Accumulator)? t_scratch;

    private readonly CalendarDays _days;

    /// <summary>Creates a calculator; the options are validated and must not change afterwards.</summary>
    public RfmCalculator(RfmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _days = new CalendarDays(options.TimeZone);
        Settings = new RfmSettings(options);
    }

    internal RfmSettings Settings { get; }

    /// <summary>The options in use.</summary>
    public RfmOptions Options { get; }

    /// <summary>
    /// Summarises <paramref name="history"/> (this customer's events, any order, any types) as of
    /// <paramref name="asOf"/>: later events are ignored, duplicates by event id count once.
    /// </summary>
    public CustomerRfm Compute(string customerId, IEnumerable<CustomerEvent> history, DateTimeOffset asOf)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentNullException.ThrowIfNull(history);
        var accumulator = RentAccumulator();
        accumulator.Reset();
        foreach (var e in history)
            accumulator.Add(e ?? throw new ArgumentException("The history contains a null event.", nameof(history)));
        return accumulator.Summarize(customerId, asOf);
    }

    /// <summary>Recency, frequency and monetary only, as <see cref="Compute"/> defines them, without allocating.</summary>
    internal (int? RecencyDays, int Frequency, decimal Monetary) ComputeScoringValues(IReadOnlyList<CustomerEvent> history, DateTimeOffset asOf)
    {
        var accumulator = RentAccumulator();
        accumulator.Reset();
        for (var i = 0; i < history.Count; i++)
            accumulator.Add(history[i] ?? throw new ArgumentException("The history contains a null event.", nameof(history)));
        return accumulator.SummarizeScoringValues(asOf);
    }

    /// <summary>Day number of an instant in the business time zone (used by the population builder).</summary>
    internal CalendarDays Days => _days;

    // One reusable accumulator per thread: no per-customer allocation of lists and sets.
    private RfmAccumulator RentAccumulator()
    {
        if (t_scratch is { } scratch && ReferenceEquals(scratch.Owner, this))
            return scratch.Accumulator;
        var accumulator = new RfmAccumulator(Settings, _days);
        t_scratch = (this, accumulator);
        return accumulator;
    }
}
