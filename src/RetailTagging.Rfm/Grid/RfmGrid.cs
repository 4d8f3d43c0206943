using RetailTagging.Rfm.Profiles;
using RetailTagging.Rfm.Scoring;

namespace RetailTagging.Rfm.Grid;

/// <summary>One cell of the RFM grid.</summary>
/// <param name="Count">Customers in the cell.</param>
/// <param name="MonetarySum">Sum of their monetary values.</param>
public readonly record struct RfmGridCell(long Count, decimal MonetarySum)
{
    /// <summary>Mean monetary value, rounded to 2 decimals; null for an empty cell.</summary>
    public decimal? AverageMonetary => Count == 0 ? null : Math.Round(MonetarySum / Count, 2);
}

/// <summary>
/// The RFM grid: recency score (rows) by frequency score (columns), with the customer count and the mean monetary
/// value per cell. Mergeable; not thread-safe.
/// </summary>
public sealed class RfmGrid
{
    private readonly RfmGridCell[,] _cells;

    /// <summary>Creates an empty grid for scores 1..<paramref name="bins"/>.</summary>
    public RfmGrid(int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bins, 100);
        Bins = bins;
        _cells = new RfmGridCell[bins, bins];
    }

    /// <summary>Number of score levels per axis.</summary>
    public int Bins { get; }

    /// <summary>Customers counted.</summary>
    public long Total { get; private set; }

    /// <summary>The cell at recency score <paramref name="r"/> and frequency score <paramref name="f"/> (1-based).</summary>
    public RfmGridCell this[int r, int f] => _cells[Index(r, nameof(r)), Index(f, nameof(f))];

    /// <summary>Counts a scored customer.</summary>
    public void Add(RfmScores scores, decimal monetary)
    {
        var cell = _cells[Index(scores.R, nameof(scores)), Index(scores.F, nameof(scores))];
        _cells[scores.R - 1, scores.F - 1] = new RfmGridCell(cell.Count + 1, cell.MonetarySum + monetary);
        Total++;
    }

    /// <summary>Counts a profile; one without scores is skipped. Returns whether it was counted.</summary>
    public bool Add(RfmProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Scores is not { } scores)
            return false;
        Add(scores, profile.Monetary);
        return true;
    }

    /// <summary>Adds another grid's counts.</summary>
    public void Merge(RfmGrid other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Bins != Bins)
            throw new ArgumentException("Grids with different bins cannot be merged.", nameof(other));
        for (var r = 0; r < Bins; r++)
        for (var f = 0; f < Bins; f++)
            _cells[r, f] = new RfmGridCell(_cells[r, f].Count + other._cells[r, f].Count, _cells[r, f].MonetarySum + other._cells[r, f].MonetarySum);
        Total += other.Total;
    }

    private int Index(int score, string name)
    {
        if (score < 1 || score > Bins)
            throw new ArgumentOutOfRangeException(name, score, $"Scores run from 1 to {Bins}.");
        return score - 1;
    }
}
