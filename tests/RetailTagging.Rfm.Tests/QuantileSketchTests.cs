using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Rfm.Scoring;

namespace RetailTagging.Rfm.Tests;

public class QuantileSketchTests
{
    [Fact]
    public void Is_exact_below_capacity()
    {
        var sketch = new QuantileSketch(64);
        var values = Enumerable.Range(0, 60).Select(i => (double)((i * 37) % 60)).ToList();
        values.ForEach(sketch.Add);
        var sorted = values.Order().ToList();
        Assert.Equal(0, sketch.MaxRankError);
        for (var rank = 1; rank <= 60; rank++)
            Assert.Equal(sorted[rank - 1], sketch.ValueAtRank(rank));
        Assert.Equal([11.0, 23.0, 35.0, 47.0], sketch.Edges(5));

        for (var i = 60; i < 64; i++)
            sketch.Add(i);
        Assert.Equal(0, sketch.MaxRankError); // exact up to the capacity itself
        sketch.Add(64);
        Assert.Equal(1, sketch.MaxRankError); // the first compaction, at level 0
    }

    private static Gen<List<int>> Values() =>
        from n in Gen.Choose(1, 5000)
        from spread in Gen.Elements(3, 50, 1_000_000)
        from values in Gen.Choose(0, spread).ArrayOf(n)
        select values.ToList();

    // The true rank range of v is [#(< v) + 1, #(<= v)]; the answer for rank r is right within the bound if that range
    // comes within MaxRankError of r.
    private static bool WithinBound(List<int> sorted, double value, long rank, long bound)
    {
        var below = sorted.Count(v => v < value);
        var upTo = sorted.Count(v => v <= value);
        return rank >= below + 1 - bound && rank <= upTo + bound;
    }

    [Property(MaxTest = 60)]
    public Property Every_answer_is_within_the_proven_rank_error() =>
        Prop.ForAll(Values().ToArbitrary(), values =>
        {
            var sketch = new QuantileSketch(64);
            values.ForEach(v => sketch.Add(v));
            var sorted = values.Order().ToList();
            var ranks = new long[] { 1, sorted.Count / 4 + 1, sorted.Count / 2 + 1, sorted.Count };
            return sketch.Count == values.Count
                && ranks.All(r => WithinBound(sorted, sketch.ValueAtRank(r), r, sketch.MaxRankError))
                && sketch.RetainedValues <= 64 * (Math.Ceiling(Math.Log2(Math.Max(1, values.Count / 64.0))) + 2);
        });

    [Property(MaxTest = 40)]
    public Property Merged_sketches_keep_the_bound() =>
        Prop.ForAll(Values().ToArbitrary(), Values().ToArbitrary(), (left, right) =>
        {
            var a = new QuantileSketch(64);
            var b = new QuantileSketch(64);
            left.ForEach(v => a.Add(v));
            right.ForEach(v => b.Add(v));
            a.Merge(b);
            var sorted = left.Concat(right).Order().ToList();
            var middle = sorted.Count / 2 + 1;
            return a.Count == sorted.Count && WithinBound(sorted, a.ValueAtRank(middle), middle, a.MaxRankError);
        });

    [Fact]
    public void The_bound_at_a_million_values_matches_the_documented_formula()
    {
        var sketch = new QuantileSketch(4096);
        var random = new Random(5);
        for (var i = 0; i < 1_000_000; i++)
            sketch.Add(random.NextDouble());
        // N L / capacity with L = ceil(log2(N / capacity)) + 1 = 9 levels.
        Assert.InRange(sketch.MaxRankError, 1, 1_000_000L * 9 / 4096);
        Assert.InRange(sketch.RetainedValues, 1, 10 * 4096);
        var median = sketch.ValueAtRank(500_000);
        Assert.InRange(median, 0.5 - sketch.RelativeRankError - 0.005, 0.5 + sketch.RelativeRankError + 0.005);
    }

    [Fact]
    public void Rejects_bad_input()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuantileSketch(63));
        var sketch = new QuantileSketch();
        Assert.Throws<ArgumentException>(() => sketch.Add(double.NaN));
        Assert.Throws<InvalidOperationException>(() => sketch.ValueAtRank(1));
        Assert.Throws<ArgumentException>(() => sketch.Merge(sketch));
    }
}
