using RetailTagging.Rfm.Calculation;
using RetailTagging.Rfm.Grid;
using RetailTagging.Rfm.Profiles;
using RetailTagging.Rfm.Scoring;

namespace RetailTagging.Rfm.Batch;

/// <summary>
/// RFM over a large population in two streaming passes with bounded memory: <see cref="FitScorer"/> reads every
/// customer once into quantile sketches; <see cref="Profile"/> reads them again and yields profiles in source order.
/// Customers are read in chunks whose RFM values are computed in parallel; results enter the sketches in source
/// order, so the output does not depend on thread timing. Memory: one chunk of histories plus the sketches.
/// </summary>
public sealed class RfmBatch
{
    private readonly RfmCalculator _calculator;

    /// <summary>Creates a batch runner.</summary>
    /// <param name="calculator">Computes each customer's values.</param>
    /// <param name="chunkSize">Customers read and computed together (default 4096).</param>
    /// <param name="maxDegreeOfParallelism">Worker threads, default all cores.</param>
    public RfmBatch(RfmCalculator calculator, int chunkSize = 4096, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        if (maxDegreeOfParallelism is < 1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), "At least one thread is needed.");
        _calculator = calculator;
        ChunkSize = chunkSize;
        Parallelism = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount };
    }

    /// <summary>Customers per chunk.</summary>
    public int ChunkSize { get; }

    private ParallelOptions Parallelism { get; }

    /// <summary>
    /// Pass 1: the quantile scorer of the population as of <paramref name="asOf"/>, using the calculator's bins and
    /// sketch capacity. <paramref name="progress"/> receives the number of customers read so far after each chunk.
    /// </summary>
    public RfmQuantileScorer FitScorer(IEnumerable<RfmHistory> source, DateTimeOffset asOf,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var options = _calculator.Options;
        var builder = new RfmQuantileScorerBuilder(options.Bins, options.SketchCapacity);
        long read = 0;
        var buffer = new List<RfmHistory>(ChunkSize);
        var values = new (int? RecencyDays, int Frequency, decimal Monetary)[ChunkSize];
        void Flush()
        {
            cancellationToken.ThrowIfCancellationRequested();
            var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
            Parallel.For(0, buffer.Count, options, i => values[i] = _calculator.ComputeScoringValues(buffer[i].Events, asOf));
            // Source order into the sketches: the edges do not depend on thread timing.
            for (var i = 0; i < buffer.Count; i++)
            {
                if (values[i].RecencyDays is { } recency)
                    builder.Add(recency, values[i].Frequency, values[i].Monetary);
            }
            read += buffer.Count;
            progress?.Report(read);
            buffer.Clear();
        }
        foreach (var history in source)
        {
            ArgumentNullException.ThrowIfNull(history, nameof(source));
            buffer.Add(history);
            if (buffer.Count == ChunkSize)
                Flush();
        }
        if (buffer.Count > 0)
            Flush();
        return builder.Build();
    }

    /// <summary>Pass 2: every customer's profile, in source order.</summary>
    public IEnumerable<RfmProfile> Profile(IEnumerable<RfmHistory> source, DateTimeOffset asOf, RfmProfiler profiler,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(profiler);
        foreach (var chunk in Compute(source, asOf, cancellationToken))
        {
            var profiles = new RfmProfile[chunk.Length];
            Parallel.For(0, chunk.Length, Parallelism, i => profiles[i] = profiler.Profile(chunk[i]));
            foreach (var profile in profiles)
                yield return profile;
        }
    }

    /// <summary>Counts profiles into a grid (and returns segment counts), e.g. over the output of <see cref="Profile"/>.</summary>
    public static (RfmGrid Grid, IReadOnlyDictionary<string, long> Segments) Summarize(IEnumerable<RfmProfile> profiles, int bins)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var grid = new RfmGrid(bins);
        var segments = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            grid.Add(profile);
            if (profile.Segment is { } segment)
                segments[segment] = segments.GetValueOrDefault(segment) + 1;
        }
        return (grid, segments);
    }

    private IEnumerable<CustomerRfm[]> Compute(IEnumerable<RfmHistory> source, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var buffer = new List<RfmHistory>(ChunkSize);
        foreach (var history in source)
        {
            ArgumentNullException.ThrowIfNull(history, nameof(source));
            buffer.Add(history);
            if (buffer.Count == ChunkSize)
            {
                yield return ComputeChunk(buffer, asOf, cancellationToken);
                buffer.Clear();
            }
        }
        if (buffer.Count > 0)
            yield return ComputeChunk(buffer, asOf, cancellationToken);
    }

    private CustomerRfm[] ComputeChunk(List<RfmHistory> chunk, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var results = new CustomerRfm[chunk.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, chunk.Count, options, i => results[i] = _calculator.Compute(chunk[i].CustomerId, chunk[i].Events, asOf));
        return results;
    }
}
