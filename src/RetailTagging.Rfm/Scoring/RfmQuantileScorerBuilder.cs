using RetailTagging.Rfm.Calculation;

namespace RetailTagging.Rfm.Scoring;

/// <summary>
/// Streams customers into three <see cref="QuantileSketch"/>es (bounded memory) and builds a <see cref="RfmQuantileScorer"/>.
/// Builders of parts of a population can be merged. Not thread-safe.
/// </summary>
public sealed class RfmQuantileScorerBuilder
{
    private readonly QuantileSketch _recency, _frequency, _monetary;

    /// <summary>Creates a builder for scores 1..<paramref name="bins"/>.</summary>
    public RfmQuantileScorerBuilder(int bins = 5, int sketchCapacity = 16_384)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bins, 100);
        Bins = bins;
        _recency = new QuantileSketch(sketchCapacity);
        _frequency = new QuantileSketch(sketchCapacity);
        _monetary = new QuantileSketch(sketchCapacity);
    }

    /// <summary>Number of bins.</summary>
    public int Bins { get; }

    /// <summary>Customers with purchases added so far.</summary>
    public long Count => _recency.Count;

    /// <summary>Adds a customer; one without purchases has no recency and is skipped.</summary>
    public void Add(CustomerRfm customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (customer.RecencyDays is { } recency)
            Add(recency, customer.Frequency, customer.Monetary);
    }

    /// <summary>Adds raw values.</summary>
    public void Add(int recencyDays, int frequency, decimal monetary)
    {
        _recency.Add(recencyDays);
        _frequency.Add(frequency);
        _monetary.Add((double)monetary);
    }

    /// <summary>Adds everything another builder saw.</summary>
    public void Merge(RfmQuantileScorerBuilder other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Bins != Bins)
            throw new ArgumentException("Builders with different bins cannot be merged.", nameof(other));
        _recency.Merge(other._recency);
        _frequency.Merge(other._frequency);
        _monetary.Merge(other._monetary);
    }

    /// <summary>Builds the scorer; throws <see cref="InvalidOperationException"/> when no customer had a purchase.</summary>
    public RfmQuantileScorer Build()
    {
        if (Count == 0)
            throw new InvalidOperationException("No customer with a purchase: quantile scores need a population.");
        // Recency: lower is better, so its edges are read from the worst (largest) end.
        return new RfmQuantileScorer(
            new ScoreEdges(ReverseEdges(_recency), lowerIsBetter: true),
            new ScoreEdges(_frequency.Edges(Bins), lowerIsBetter: false),
            new ScoreEdges(_monetary.Edges(Bins), lowerIsBetter: false),
            Count,
            new[] { _recency.MaxRankError, _frequency.MaxRankError, _monetary.MaxRankError }.Max());
    }

    // For lower-is-better values the edge j (from the best end) is the value of rank N - ceil(j N / bins) + 1, i.e. the
    // ceil(j N/bins)-th largest: the same rule as the other dimensions on the reversed order.
    private double[] ReverseEdges(QuantileSketch sketch)
    {
        var n = sketch.Count;
        var edges = new double[Bins - 1];
        for (var j = 1; j < Bins; j++)
            edges[Bins - 1 - j] = sketch.ValueAtRank(n - Math.Max(1, (long)Math.Ceiling((double)j * n / Bins)) + 1);
        return edges;
    }
}
