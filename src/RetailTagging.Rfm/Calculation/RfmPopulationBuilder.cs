namespace RetailTagging.Rfm.Calculation;

/// <summary>
/// Builds RFM summaries from a stream of events of many customers in any order (e.g. a file).
/// Memory grows with the number of customers and of their purchases and refunds, not with other events.
/// Not thread-safe.
/// </summary>
public sealed class RfmPopulationBuilder
{
    private readonly RfmCalculator _calculator;
    private readonly Dictionary<string, RfmAccumulator> _customers = new(StringComparer.Ordinal);

    /// <summary>Creates a builder with the calculator's options.</summary>
    public RfmPopulationBuilder(RfmCalculator calculator)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        _calculator = calculator;
    }

    /// <summary>Number of distinct customers seen, with or without purchases.</summary>
    public int CustomerCount => _customers.Count;

    /// <summary>Adds one event; its <see cref="CustomerEvent.CustomerId"/> decides the customer.</summary>
    public void Add(CustomerEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentException.ThrowIfNullOrWhiteSpace(e.CustomerId, nameof(e));
        if (!_customers.TryGetValue(e.CustomerId, out var accumulator))
        {
            accumulator = new RfmAccumulator(_calculator.Settings, _calculator.Days);
            _customers.Add(e.CustomerId, accumulator);
        }
        accumulator.Add(e);
    }

    /// <summary>Summaries of every customer seen, as of <paramref name="asOf"/>, in ordinal customer-id order.</summary>
    public IEnumerable<CustomerRfm> Summarize(DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        foreach (var id in _customers.Keys.Order(StringComparer.Ordinal).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return _customers[id].Summarize(id, asOf);
        }
    }
}
