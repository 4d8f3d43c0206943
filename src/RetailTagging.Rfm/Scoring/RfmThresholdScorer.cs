using RetailTagging.Rfm.Calculation;

namespace RetailTagging.Rfm.Scoring;

/// <summary>
/// Fixed-threshold scores: absolute edges chosen by the business instead of population quantiles. Recency scores
/// the number of recency edges the customer is under (plus one); frequency and monetary score the number of edges
/// they reach (plus one). Immutable and thread-safe.
/// </summary>
public sealed class RfmThresholdScorer : IRfmScorer
{
    private readonly int[] _recencyDays;
    private readonly int[] _frequency;
    private readonly decimal[] _monetary;

    /// <summary>Creates a scorer; each list ascending, all of the same length (bins - 1).</summary>
    /// <param name="recencyDays">e.g. [7, 30, 90, 180]: under 7 days scores 5, 180 days or more scores 1.</param>
    /// <param name="frequency">e.g. [2, 3, 5, 10]: 10 or more purchases score 5, one scores 1.</param>
    /// <param name="monetary">e.g. [100, 300, 1000, 3000]: 3000 or more scores 5.</param>
    public RfmThresholdScorer(IEnumerable<int> recencyDays, IEnumerable<int> frequency, IEnumerable<decimal> monetary)
    {
        _recencyDays = Ascending(recencyDays, nameof(recencyDays));
        _frequency = Ascending(frequency, nameof(frequency));
        _monetary = Ascending(monetary, nameof(monetary));
        if (_recencyDays.Length != _frequency.Length || _frequency.Length != _monetary.Length)
            throw new ArgumentException("Recency, frequency and monetary need the same number of thresholds.");
    }

    /// <summary>Thresholds matching the retailer rules of docs/rfm.md: recency 7/30/90/180 days, frequency 2/3/5/10, monetary 100/300/1000/3000.</summary>
    public static RfmThresholdScorer RetailerDefault { get; } = new([7, 30, 90, 180], [2, 3, 5, 10], [100m, 300m, 1000m, 3000m]);

    /// <inheritdoc />
    public int Bins => _recencyDays.Length + 1;

    /// <summary>Recency thresholds in days.</summary>
    public IReadOnlyList<int> RecencyDays => _recencyDays;

    /// <summary>Frequency thresholds.</summary>
    public IReadOnlyList<int> FrequencyThresholds => _frequency;

    /// <summary>Monetary thresholds.</summary>
    public IReadOnlyList<decimal> MonetaryThresholds => _monetary;

    /// <inheritdoc />
    public RfmScores? Score(CustomerRfm customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (customer.RecencyDays is not { } recency)
            return null;
        var r = 1;
        foreach (var edge in _recencyDays)
            r += recency < edge ? 1 : 0;
        var f = 1;
        foreach (var edge in _frequency)
            f += customer.Frequency >= edge ? 1 : 0;
        var m = 1;
        foreach (var edge in _monetary)
            m += customer.Monetary >= edge ? 1 : 0;
        return new RfmScores(r, f, m);
    }

    private static T[] Ascending<T>(IEnumerable<T> values, string name)
        where T : IComparable<T>
    {
        ArgumentNullException.ThrowIfNull(values, name);
        var array = values.ToArray();
        if (array.Length is < 1 or > 99)
            throw new ArgumentException("Between 1 and 99 thresholds are needed.", name);
        for (var i = 1; i < array.Length; i++)
        {
            if (array[i].CompareTo(array[i - 1]) <= 0)
                throw new ArgumentException("Thresholds must be strictly ascending.", name);
        }
        return array;
    }
}
