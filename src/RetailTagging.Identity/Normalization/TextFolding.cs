using System.Globalization;
using System.Text;

namespace RetailTagging.Identity;

/// <summary>How attribute values are folded before they are compared (never how they are stored).</summary>
internal static class TextFolding
{
    // Honorifics service staff append to a surname ("王先生"); they say nothing about identity.
    private static readonly string[] Honorifics = ["先生", "女士", "小姐", "太太", "夫人", "mr", "mrs", "ms", "miss"];

    public static string? Fold(string attribute, string? raw) => attribute switch
    {
        AttributeNames.Name => FoldName(raw),
        AttributeNames.Gender => FoldGender(raw),
        AttributeNames.BirthDate => ParseDate(raw)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => FoldText(raw),
    };

    public static string? FoldText(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        var text = (IsNfkc(raw) ? raw : raw.Normalize(NormalizationForm.FormKC)).Trim().ToLowerInvariant();
        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// Whether a string is in Unicode form NFKC. Text made only of ASCII and CJK unified ideographs
    /// (U+4E00-U+9FFF: no decompositions, nothing composes with them) is, which answers the common case
    /// without the ICU call; anything else asks <see cref="string.IsNormalized(NormalizationForm)"/>.
    /// </summary>
    public static bool IsNfkc(string text)
    {
        foreach (var c in text)
        {
            if (c >= 0x80 && c is < '\u4E00' or > '\u9FFF')
            {
                return text.IsNormalized(NormalizationForm.FormKC);
            }
        }
        return true;
    }

    public static string? FoldName(string? raw)
    {
        var text = FoldText(raw);
        if (text is null)
        {
            return null;
        }
        var kept = 0;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                kept++;
            }
        }
        var name = kept == text.Length ? text : KeepLettersAndDigits(text, kept);
        foreach (var honorific in Honorifics)
        {
            if (name.Length > honorific.Length && name.EndsWith(honorific, StringComparison.Ordinal) && !char.IsAsciiLetter(honorific[0]))
            {
                name = name[..^honorific.Length];
                break;
            }
            if (name.Length > honorific.Length && char.IsAsciiLetter(honorific[0]) && text.StartsWith(honorific + " ", StringComparison.Ordinal))
            {
                name = name[honorific.Length..];
                break;
            }
        }
        return name.Length == 0 ? null : name;
    }

    private static string KeepLettersAndDigits(string text, int kept) =>
        string.Create(kept, text, static (span, source) =>
        {
            var at = 0;
            foreach (var c in source)
            {
                if (char.IsLetterOrDigit(c))
                {
                    span[at++] = c;
                }
            }
        });

    public static string? FoldGender(string? raw) => FoldText(raw) switch
    {
        null => null,
        "f" or "female" or "woman" or "女" or "女性" or "2" => "F",
        "m" or "male" or "man" or "男" or "男性" or "1" => "M",
        var other => other,
    };

    public static string? GenderFromHonorific(string rawName)
    {
        var name = rawName.Trim();
        return name.EndsWith("先生", StringComparison.Ordinal) ? "M"
            : name.EndsWith("女士", StringComparison.Ordinal) || name.EndsWith("小姐", StringComparison.Ordinal)
              || name.EndsWith("太太", StringComparison.Ordinal) || name.EndsWith("夫人", StringComparison.Ordinal) ? "F"
            : null;
    }

    public static DateOnly? ParseDate(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        string[] formats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyyMMdd", "yyyy-M-d", "yyyy/M/d", "yyyy.MM.dd", "yyyy年M月d日"];
        var text = raw.Trim();
        if (text.Length > 10 && text[10] == 'T')
        {
            text = text[..10];
        }
        return DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }
}
