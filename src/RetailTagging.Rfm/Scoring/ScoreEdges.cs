namespace RetailTagging.Rfm.Scoring;

/// <summary>
/// Bin edges of one dimension. With <see cref="LowerIsBetter"/> false, a value v scores 1 + (edges &lt; v); with it
/// true (recency), v scores 1 + (edges &gt; v). Equal values always share a score; a value on an edge gets the worse
/// of the two scores around it.
/// </summary>
public sealed class ScoreEdges
{
    private readonly double[] _edges;

    /// <summary>Creates edges; they must be finite and in non-decreasing order.</summary>
    public ScoreEdges(IEnumerable<double> edges, bool lowerIsBetter)
    {
        ArgumentNullException.ThrowIfNull(edges);
        _edges = edges.ToArray();
        if (_edges.Length == 0)
            throw new ArgumentException("At least one edge is needed (two bins).", nameof(edges));
        for (var i = 0; i < _edges.Length; i++)
        {
            if (!double.IsFinite(_edges[i]) || (i > 0 && _edges[i] < _edges[i - 1]))
                throw new ArgumentException("Edges must be finite and in non-decreasing order.", nameof(edges));
        }
        LowerIsBetter = lowerIsBetter;
    }

    /// <summary>The edges, ascending.</summary>
    public IReadOnlyList<double> Edges => _edges;

    /// <summary>True when smaller values are better (recency in days).</summary>
    public bool LowerIsBetter { get; }

    /// <summary>Number of bins (edges + 1).</summary>
    public int Bins => _edges.Length + 1;

    /// <summary>The score of <paramref name="value"/>, from 1 to <see cref="Bins"/>.</summary>
    public int Score(double value)
    {
        var score = 1;
        if (LowerIsBetter)
        {
            foreach (var e in _edges)
                score += e > value ? 1 : 0;
        }
        else
        {
            foreach (var e in _edges)
                score += e < value ? 1 : 0;
        }
        return score;
    }
}
