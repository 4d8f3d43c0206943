using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Language;
using RetailTagging.Language.Runtime;

namespace RetailTagging.Core.Tests;

/// <summary>The distinct-count set behaves as a <see cref="HashSet{T}"/> of values, across adds, unions, growth and reuse.</summary>
public class DistinctSetProperties
{
    private static Arbitrary<int> Seeds => Arb.From(Gen.Choose(0, int.MaxValue));

    // Few distinct values so that repeats are common; equal strings built separately (not the
    // same instance) and numbers equal with different scales (1 and 1.0) must count once.
    private static Value RandomValue(Random random) => random.Next(4) switch
    {
        0 => Value.FromString(new string((char)('a' + random.Next(26)), 1 + random.Next(3))),
        1 => Value.FromNumber(random.Next(40) / (random.Next(2) == 0 ? 1m : 1.0m)),
        2 => Value.FromInstant(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(random.Next(30))),
        _ => Value.FromBool(random.Next(2) == 0),
    };

    [Property(MaxTest = 300)]
    public Property CountsAsAHashSetOfValues() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var (left, right) = (new DistinctSet(), new DistinctSet());
        // Several customers on the same sets: clearing must forget everything.
        for (var customer = 0; customer < 3; customer++)
        {
            left.Clear();
            right.Clear();
            var (expectedLeft, expectedRight) = (new HashSet<Value>(), new HashSet<Value>());
            for (var i = random.Next(200); i > 0; i--)
            {
                var value = RandomValue(random);
                if (random.Next(2) == 0) { left.Add(value); expectedLeft.Add(value); }
                else { right.Add(value); expectedRight.Add(value); }
            }
            if (left.Count != expectedLeft.Count || right.Count != expectedRight.Count)
                return false.Label($"seed {seed}, customer {customer}: counts {left.Count}/{right.Count}, expected {expectedLeft.Count}/{expectedRight.Count}");
            left.UnionWith(right);
            expectedLeft.UnionWith(expectedRight);
            if (left.Count != expectedLeft.Count)
                return false.Label($"seed {seed}, customer {customer}: union {left.Count}, expected {expectedLeft.Count}");
        }
        return true.ToProperty();
    });
}
