namespace RetailTagging.Rfm.Scoring;

/// <summary>
/// A deterministic, mergeable quantile sketch with a proven rank-error bound (a compactor sketch in the style of
/// Manku-Rajagopalan-Lindsay / KLL without randomness). Exact up to <see cref="Capacity"/> values; beyond that each
/// level holds at most <see cref="Capacity"/> + 1 values of weight 2^level, and a level that overflows is sorted and
/// every other value (alternating which) moves up with double weight.
/// </summary>
/// <remarks>
/// Error bound: compacting a sorted level of weight w changes the weighted count of values &lt;= any query point by at
/// most w, so <see cref="MaxRankError"/> (the sum of w over all compactions) bounds the rank error of every answer.
/// A level h compaction consumes more than Capacity values of weight 2^h, so there are at most N/(Capacity 2^h) of
/// them and the error is at most N L / Capacity with L = ceil(log2(N / Capacity)) + 1 levels: for N = 10 million and
/// Capacity = 16384, at most 11/16384 = 0.067 % of N, with about 11 x 16384 doubles (1.4 MB) of memory.
/// </remarks>
public sealed class QuantileSketch
{
    private readonly List<List<double>> _levels = [];
    private readonly List<bool> _takeOdd = [];
    private (double[] Values, long[] CumulativeWeights)? _sorted;

    /// <summary>Creates a sketch; <paramref name="capacity"/> must be even and at least 64.</summary>
    public QuantileSketch(int capacity = 16_384)
    {
        if (capacity < 64 || capacity % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be an even number of at least 64.");
        Capacity = capacity;
    }

    /// <summary>Values per level before it is compacted.</summary>
    public int Capacity { get; }

    /// <summary>Number of values added (including through merges).</summary>
    public long Count { get; private set; }

    /// <summary>A proven bound on the rank error of any quantile answer; 0 while the sketch is exact.</summary>
    public long MaxRankError { get; private set; }

    /// <summary><see cref="MaxRankError"/> as a share of <see cref="Count"/>.</summary>
    public double RelativeRankError => Count == 0 ? 0 : (double)MaxRankError / Count;

    /// <summary>Values currently held (memory is about 8 bytes each).</summary>
    public int RetainedValues => _levels.Sum(l => l.Count);

    /// <summary>Adds one value; NaN is rejected.</summary>
    public void Add(double value)
    {
        if (double.IsNaN(value))
            throw new ArgumentException("NaN cannot be ranked.", nameof(value));
        if (_levels.Count == 0)
            AddLevel();
        var level0 = _levels[0];
        level0.Add(value);
        Count++;
        _sorted = null;
        if (level0.Count > Capacity)
            CompactFrom(0);
    }

    /// <summary>Adds every value of <paramref name="other"/> into this sketch (its error bound is carried over).</summary>
    public void Merge(QuantileSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
            throw new ArgumentException("A sketch cannot be merged into itself.", nameof(other));
        for (var h = 0; h < other._levels.Count; h++)
        {
            while (_levels.Count <= h)
                AddLevel();
            _levels[h].AddRange(other._levels[h]);
        }
        Count += other.Count;
        MaxRankError += other.MaxRankError;
        _sorted = null;
        CompactFrom(0);
    }

    /// <summary>
    /// The value of 1-based rank <paramref name="rank"/> in sorted order (the smallest retained value whose cumulative
    /// weight reaches the rank): exact while <see cref="MaxRankError"/> is 0, otherwise a value whose true rank is
    /// within <see cref="MaxRankError"/> of the requested one.
    /// </summary>
    public double ValueAtRank(long rank)
    {
        if (Count == 0)
            throw new InvalidOperationException("The sketch is empty.");
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rank, Count);
        var (values, cumulative) = _sorted ??= SortedView();
        var index = Array.BinarySearch(cumulative, rank);
        if (index < 0)
            index = ~index;
        return values[Math.Min(index, values.Length - 1)];
    }

    /// <summary>
    /// The bins - 1 lower quantile edges: edge j is the value of rank ceil(j N / bins). A value v gets score
    /// 1 + (number of edges strictly below v), so equal values always share a score and a value equal to an edge
    /// falls in the lower bin.
    /// </summary>
    public double[] Edges(int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        if (Count == 0)
            return [];
        var edges = new double[bins - 1];
        for (var j = 1; j < bins; j++)
            edges[j - 1] = ValueAtRank(Math.Max(1, (long)Math.Ceiling((double)j * Count / bins)));
        return edges;
    }

    private void AddLevel()
    {
        _levels.Add(new List<double>(Capacity));
        _takeOdd.Add(false);
    }

    private void CompactFrom(int start)
    {
        for (var h = start; h < _levels.Count; h++)
        {
            var level = _levels[h];
            if (level.Count <= Capacity)
                continue;
            if (h + 1 == _levels.Count)
                AddLevel();
            level.Sort();
            // With an odd count the largest value stays behind so the total weight is preserved exactly.
            var pairs = level.Count / 2;
            var offset = _takeOdd[h] ? 1 : 0;
            _takeOdd[h] = !_takeOdd[h];
            var up = _levels[h + 1];
            for (var i = 0; i < pairs; i++)
                up.Add(level[2 * i + offset]);
            var keep = level.Count % 2 == 1 ? level[^1] : (double?)null;
            level.Clear();
            if (keep is { } kept)
                level.Add(kept);
            MaxRankError += 1L << h;
        }
    }

    private (double[] Values, long[] CumulativeWeights) SortedView()
    {
        var items = new List<(double Value, long Weight)>(RetainedValues);
        for (var h = 0; h < _levels.Count; h++)
        {
            foreach (var v in _levels[h])
                items.Add((v, 1L << h));
        }
        items.Sort(static (x, y) => x.Value.CompareTo(y.Value));
        var values = new double[items.Count];
        var cumulative = new long[items.Count];
        long running = 0;
        for (var i = 0; i < items.Count; i++)
        {
            running += items[i].Weight;
            values[i] = items[i].Value;
            cumulative[i] = running;
        }
        return (values, cumulative);
    }
}
