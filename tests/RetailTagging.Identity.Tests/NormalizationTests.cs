using RetailTagging.Identity;
using Xunit;

namespace RetailTagging.Identity.Tests;

public sealed class NormalizationTests
{
    private static readonly PhoneNormalizer Phone = new("CN");

    [Theory]
    [InlineData("13812345678", "+8613812345678")]
    [InlineData("138 1234 5678", "+8613812345678")]
    [InlineData("138-1234-5678", "+8613812345678")]
    [InlineData("+86 138-1234-5678", "+8613812345678")]
    [InlineData("+8613812345678", "+8613812345678")]
    [InlineData("008613812345678", "+8613812345678")]
    [InlineData("0086 138 1234 5678", "+8613812345678")]
    [InlineData("(+86)13812345678", "+8613812345678")]
    [InlineData("86 138 1234 5678", "+8613812345678")]
    [InlineData("８６１３８１２３４５６７８", "+8613812345678")]
    [InlineData("010-12345678", "+861012345678")]
    [InlineData("+1 650-253-0000", "+16502530000")]
    public void Phones_normalise_to_E164(string raw, string expected)
    {
        var result = Phone.Normalize(raw);
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("-", "too few digits")]
    [InlineData("1", "too few digits")]
    [InlineData("1381234567", "not a valid phone number")]
    [InlineData("12345678901", "not a valid phone number")]
    [InlineData("abcdefghijk", "too few digits")]
    [InlineData("138123456789012345678", "too many digits")]
    public void Invalid_phones_are_rejected_with_a_reason(string raw, string reason)
    {
        var result = Phone.Normalize(raw);
        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        Assert.Contains(reason, result.Reason);
    }

    [Fact]
    public void Unknown_region_is_a_clear_argument_error()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PhoneNormalizer("XX"));
        Assert.Contains("ISO 3166", ex.Message);
    }

    private static readonly EmailNormalizer Email = new(new IdentityResolutionOptions().EmailProviders);

    [Theory]
    [InlineData(" John.Smith@Example.COM ", "john.smith@example.com")]
    [InlineData("WANG.WEI@QQ.COM", "wang.wei@qq.com")]
    [InlineData("j.smith+shop@gmail.com", "jsmith@gmail.com")]
    [InlineData("J.Smith@googlemail.com", "jsmith@gmail.com")]
    [InlineData("j.smith+shop@outlook.com", "j.smith+shop@outlook.com")]
    public void Emails_are_trimmed_lowercased_and_provider_rules_applied(string raw, string expected)
    {
        var result = Email.Normalize(raw);
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("a@b")]
    [InlineData("a@@b.com")]
    [InlineData("@example.com")]
    [InlineData("wang wei@qq.com")]
    [InlineData("")]
    public void Invalid_emails_are_rejected(string raw)
    {
        var result = Email.Normalize(raw);
        Assert.False(result.IsValid);
        Assert.NotNull(result.Reason);
    }

    [Fact]
    public void Provider_rules_are_configurable()
    {
        var qq = new EmailNormalizer([new EmailProviderRule { Domains = ["foxmail.com"], CanonicalDomain = "qq.com" }]);
        Assert.Equal("12345@qq.com", qq.Normalize("12345@FOXMAIL.com").Value);
        Assert.Equal("j.smith+x@gmail.com", qq.Normalize("j.smith+x@gmail.com").Value);
    }

    [Theory]
    [InlineData(" m-123 456 ", false, true, "M123456")]
    [InlineData("6222 8338 5963 8407", false, true, "6222833859638407")]
    [InlineData("oAbC_123", true, false, "oAbC_123")]
    [InlineData("ＡＢＣ１２３", false, false, "ABC123")]
    public void Codes_normalise(string raw, bool caseSensitive, bool removeSeparators, string expected) =>
        Assert.Equal(expected, new CodeNormalizer(caseSensitive, removeSeparators).Normalize(raw).Value);

    [Fact]
    public void Codes_with_inner_spaces_are_rejected_when_separators_are_meaningful() =>
        Assert.False(new CodeNormalizer(caseSensitive: true, removeSeparators: false).Normalize("oAb C").IsValid);

    [Theory]
    [InlineData("王先生", "王")]
    [InlineData("王 伟", "王伟")]
    [InlineData("Mr John Smith", "johnsmith")]
    [InlineData("ＷＡＮＧ·Wei", "wangwei")]
    public void Names_fold_for_comparison(string raw, string expected) =>
        Assert.Equal(expected, TextFolding.FoldName(raw));

    [Theory]
    [InlineData("1990-05-17")]
    [InlineData("1990/05/17")]
    [InlineData("19900517")]
    [InlineData("1990-5-17")]
    [InlineData("1990年5月17日")]
    public void Birth_dates_parse_in_common_formats(string raw) =>
        Assert.Equal(new DateOnly(1990, 5, 17), TextFolding.ParseDate(raw));
}
