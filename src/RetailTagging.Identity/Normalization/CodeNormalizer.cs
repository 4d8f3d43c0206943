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

    /// <inheritdoc />
    public NormalizedValue Normalize(string raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return NormalizedValue.Invalid("empty value");
        }
        var text = raw.IsNormalized(NormalizationForm.FormKC) ? raw.Trim() : raw.Normalize(NormalizationForm.FormKC).Trim();
        if (RemoveSeparators)
        {
            var sb = new StringBuilder(text.Length);
            foreach (var c in text)
            {
                if (!char.IsWhiteSpace(c) && c is not ('-' or '.' or '_'))
                {
                    sb.Append(c);
                }
            }
            text = sb.ToString();
        }
        else if (text.Any(char.IsWhiteSpace))
        {
            return NormalizedValue.Invalid($"'{raw}' contains white space");
        }
        if (text.Length == 0)
        {
            return NormalizedValue.Invalid($"'{raw}' is only separators");
        }
        if (text.Any(char.IsControl))
        {
            return NormalizedValue.Invalid($"'{raw}' contains control characters");
        }
        return NormalizedValue.Valid(CaseSensitive ? text : text.ToUpperInvariant());
    }
}
