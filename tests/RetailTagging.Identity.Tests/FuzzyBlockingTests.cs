using RetailTagging.Identity;
using Xunit;
using static RetailTagging.Identity.Tests.Build;

namespace RetailTagging.Identity.Tests;

/// <summary>The default blocking keys bring a phone with one mistyped digit to the fuzzy scorer, wherever the digit is.</summary>
public sealed class FuzzyBlockingTests
{
    private const string Phone = "13812345678";

    /// <summary>Every digit after the mobile prefix, one at a time: the first seven by <c>name+phone:-4</c>, the last four by <c>name+phone:10</c>.</summary>
    public static TheoryData<int> TypoPositions() => [.. Enumerable.Range(3, 8)];

    private static string Mistype(int position) =>
        Phone[..position] + (char)('0' + (Phone[position] - '0' + 1) % 10) + Phone[(position + 1)..];

    [Theory]
    [MemberData(nameof(TypoPositions))]
    public async Task A_mistyped_digit_with_the_same_name_is_merged_by_fuzzy_matching(int position)
    {
        using var resolver = Resolver();
        await resolver.AddRangeAsync(
        [
            Record("pos:1", ids: [("phone", Phone)], attrs: [("name", "王伟明")]),
            Record("desk:1", "service_desk", minutes: 5, ids: [("phone", Mistype(position))], attrs: [("name", "王伟明")]),
        ]);
        var customer = resolver.GetCustomerOfRecord("pos:1")!;
        Assert.Equal(["desk:1", "pos:1"], customer.RecordIds.Order(StringComparer.Ordinal));
        Assert.Equal(MergeReasonKind.Fuzzy, Assert.Single(customer.History).Kind);
    }

    [Theory]
    [MemberData(nameof(TypoPositions))]
    public async Task A_mistyped_digit_with_another_name_is_not_merged(int position)
    {
        using var resolver = Resolver();
        await resolver.AddRangeAsync(
        [
            Record("pos:1", ids: [("phone", Phone)], attrs: [("name", "王伟明")]),
            Record("desk:1", "service_desk", minutes: 5, ids: [("phone", Mistype(position))], attrs: [("name", "李娜")]),
        ]);
        Assert.Equal(2, resolver.CustomerCount);
    }
}
