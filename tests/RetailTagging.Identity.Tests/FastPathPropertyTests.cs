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
    public Property Postings_behave_like_a_list_of_record_indexes() =>
        // A sequence of operations: non-negative = add that record, negative = remove record -x - 1.
        Prop.ForAll(Gen.Choose(-6, 6).ListOf().ToArbitrary(), operations =>
        {
            Postings? postings = null;
            var reference = new List<int>();
            foreach (var op in operations)
            {
                if (op >= 0)
                {
                    if (postings is { } p)
                    {
                        p.Add(op);
                        postings = p;
                    }
                    else
                    {
                        postings = Postings.Of(op);
                    }
                    reference.Add(op);
                }
                else if (postings is { } p)
                {
                    var kept = p.Remove(-op - 1);
                    reference.Remove(-op - 1);
                    postings = kept ? p : null;
                    if (kept != (reference.Count > 0))
                    {
                        return false;
                    }
                }
                if (postings is { } now && (now.Count != reference.Count || now.First != reference[0]
                    || !Enumerable.Range(0, now.Count).Select(i => now[i]).SequenceEqual(reference)))
                {
                    return false;
                }
            }
            return (postings is null) == (reference.Count == 0);
        });
}
