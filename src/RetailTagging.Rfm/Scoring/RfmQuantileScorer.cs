using RetailTagging.Rfm.Calculation;

namespace RetailTagging.Rfm.Scoring;

/// <summary>
/// Quantile scores over a population: each dimension is cut at its j/bins quantiles (see <see cref="QuantileSketch.Edges"/>),
/// recency reversed so that 5 is the most recent. Built in one streaming pass by <see cref="RfmQuantileScorerBuilder"/>.
/// Immutable and thread-safe.
/// </summary>
public sealed class RfmQuantileScorer : IRfmScorer
{
    /// <summary>Creates a scorer from edges (e.g. stored from an earlier fit).</summary>
    public RfmQuantileScorer(ScoreEdges recency, ScoreEdges frequency, ScoreEdges monetary, long population = 0, long maxRankError = 0)
    {
        ArgumentNullException.ThrowIfNull(recency);
        ArgumentNullException.ThrowIfNull(frequency);
        ArgumentNullException.ThrowIfNull(monetary);
        if (recency.Bins != frequency.Bins || frequency.Bins != monetary.Bins)
            throw new ArgumentException("All three dimensions need the same number of bins.");
        if (!recency.LowerIsBetter || frequency.LowerIsBetter || monetary.LowerIsBetter)
            throw new ArgumentException("Recency edges must have LowerIsBetter set; frequency and monetary edges must not.");
        (Recency, Frequency, Monetary, Population, MaxRankError) = (recency, frequency, monetary, population, maxRankError);
    }

    /// <summary>Fits a scorer to a population in one pass; customers without purchases are left out.</summary>
    public static RfmQuantileScorer Fit(IEnumerable<CustomerRfm> population, int bins = 5, int sketchCapacity = 16_384,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(population);
        var builder = new RfmQuantileScorerBuilder(bins, sketchCapacity);
        foreach (var customer in population)
        {
            cancellationToken.ThrowIfCancellationRequested();
            builder.Add(customer);
        }
        return builder.Build();
    }

    /// <inheritdoc />
    public int Bins => Recency.Bins;

    /// <summary>Recency edges in days (lower is better).</summary>
    public ScoreEdges Recency { get; }

    /// <summary>Frequency edges.</summary>
    public ScoreEdges Frequency { get; }

    /// <summary>Monetary edges.</summary>
    public ScoreEdges Monetary { get; }

    /// <summary>Customers with purchases the edges were computed from.</summary>
    public long Population { get; }

    /// <summary>Proven bound on the rank error of any edge (0 when exact); bin sizes differ from exact ones by at most twice this.</summary>
    public long MaxRankError { get; }

    /// <inheritdoc />
    public RfmScores? Score(CustomerRfm customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return customer.RecencyDays is { } recency ? Score(recency, customer.Frequency, customer.Monetary) : null;
    }

    /// <summary>Scores raw values.</summary>
    public RfmScores Score(int recencyDays, int frequency, decimal monetary) =>
        new(Recency.Score(recencyDays), Frequency.Score(frequency), Monetary.Score((double)monetary));
}
