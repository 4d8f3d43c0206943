using System.Text;

namespace RetailTagging.Identity;

/// <summary>
/// Normalises code-like identifiers (member ids, card numbers, device ids, openids...): Unicode
/// NFKC folding (full-width to half-width), trimming, optional removal of spaces and dashes and
/// optional upper-casing.
/// </summary>
public sealed class CodeNormalizer : IIdentifierNormalizer
{
    /// <summary>Creates a normaliser.</summary>
    /// <param name="caseSensitive">Keep letter case (WeChat ids are case-sensitive); otherwise upper-case.</param>
    /// <param name="removeSeparators">Remove spaces, dashes, dots and underscores inside the value (card numbers).</param>
    public CodeNormalizer(bool caseSensitive, bool removeSeparators)
    {
        CaseSensitive = caseSensitive;
        RemoveSeparators = removeSeparators;
    }

    /// <summary>Whether letter case is kept.</summary>
    public bool CaseSensitive { get; }

    /// <summary>Whether separators are removed.</summary>
    public bool RemoveSeparators { get; }

    private static bool IsSeparator(char c) => char.IsWhiteSpace(c) || c is '-' or '.' or '_';

    // Every white-space character char.IsWhiteSpace knows, plus the separators; a search value set scans fast.
    private static readonly System.Buffers.SearchValues<char> WhiteSpace =
        System.Buffers.SearchValues.Create(Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(char.IsWhiteSpace).ToArray());

    private static readonly System.Buffers.SearchValues<char> Separators =
        System.Buffers.SearchValues.Create(Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(IsSeparator).ToArray());

    /// <inheritdoc />
    public NormalizedValue Normalize(string raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return NormalizedValue.Invalid("empty value");
        }
        var text = TextFolding.IsNfkc(raw) ? raw.Trim() : raw.Normalize(NormalizationForm.FormKC).Trim();
        if (RemoveSeparators)
        {
            if (text.AsSpan().IndexOfAny(Separators) >= 0)
            {
                var sb = new StringBuilder(text.Length);
                foreach (var c in text)
                {
                    if (!IsSeparator(c))
                    {
                        sb.Append(c);
                    }
                }
                text = sb.ToString();
            }
        }
        else if (text.AsSpan().IndexOfAny(WhiteSpace) >= 0)
        {
            return NormalizedValue.Invalid($"'{raw}' contains white space");
        }
        if (text.Length == 0)
        {
            return NormalizedValue.Invalid($"'{raw}' is only separators");
        }
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return NormalizedValue.Invalid($"'{raw}' contains control characters");
            }
        }
        return NormalizedValue.Valid(CaseSensitive ? text : text.ToUpperInvariant());
    }
}
