using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Identity;

namespace RetailTagging.Identity.Tests;

/// <summary>The data structures and shortcuts the hot paths use agree with the plain versions they replace.</summary>
public sealed class FastPathPropertyTests
{
    // ASCII, CJK ideographs, full-width forms, CJK compatibility ideographs, combining marks, Hangul jamo, ligatures.
    private static readonly Gen<char> InterestingChar = Gen.OneOf(
        Gen.Choose(0x20, 0x7E), Gen.Choose(0x4E00, 0x9FFF), Gen.Choose(0xFF01, 0xFF5E), Gen.Choose(0xF900, 0xFAFF),
        Gen.Choose(0x0300, 0x036F), Gen.Choose(0x1100, 0x11FF), Gen.Choose(0xFB00, 0xFB06), Gen.Choose(0x00A0, 0x00FF))
        .Select(c => (char)c);

    [Property(MaxTest = 500)]
    public Property The_NFKC_shortcut_agrees_with_the_runtime() =>
        Prop.ForAll(InterestingChar.ArrayOf().Select(chars => new string(chars)).ToArbitrary(),
            text => TextFolding.IsNfkc(text) == text.IsNormalized(System.Text.NormalizationForm.FormKC));

    [Property(MaxTest = 300)]
    public Property Key_postings_behave_like_lists_of_record_indexes() =>
        // A sequence of operations on three keys: (key, non-negative) = post that record, (key, negative) = remove record -x - 1.
        Prop.ForAll(Gen.Choose(0, 2).Zip(Gen.Choose(-6, 6)).ListOf().ToArbitrary(), operations =>
        {
            var index = new KeyIndex();
            var ids = new[] { index.Intern(1, 1, 0), index.Intern(1, 2, 0), index.Intern(2, 1, 3) };
            var reference = new[] { new List<int>(), new List<int>(), new List<int>() };
            foreach (var (key, op) in operations)
            {
                if (op >= 0)
                {
                    var count = index.Post(ids[key], op, out var first);
                    reference[key].Add(op);
                    if (count != reference[key].Count || first != reference[key][0])
                    {
                        return false;
                    }
                }
                else
                {
                    index.Unpost(ids[key], -op - 1);
                    reference[key].Remove(-op - 1);
                }
                for (var k = 0; k < ids.Length; k++)
                {
                    var walked = new List<int>();
                    foreach (var record in index.Records(ids[k]))
                    {
                        walked.Add(record);
                    }
                    if (index.Count(ids[k]) != reference[k].Count || !walked.SequenceEqual(reference[k])
                        || (reference[k].Count > 0 && index.First(ids[k]) != reference[k][0]))
                    {
                        return false;
                    }
                }
            }
            return true;
        });

    [Property(MaxTest = 100)]
    public Property Interned_keys_are_equal_exactly_when_their_parts_are() =>
        // Enough keys to make the open-addressing table grow several times.
        Prop.ForAll(Gen.Choose(1, 50).Three().ArrayOf().ToArbitrary(), keys =>
        {
            var index = new KeyIndex();
            var byParts = new Dictionary<(uint, int, int), int>();
            foreach (var round in new[] { 0, 1 })
            {
                foreach (var (prefix, a, b) in keys)
                {
                    var id = index.Intern((uint)prefix, a, b);
                    if (byParts.TryGetValue(((uint)prefix, a, b), out var known) ? known != id : byParts.ContainsValue(id))
                    {
                        return false;
                    }
                    byParts[((uint)prefix, a, b)] = id;
                }
            }
            return byParts.All(p => index.Parts(p.Value) == p.Key);
        });
}
