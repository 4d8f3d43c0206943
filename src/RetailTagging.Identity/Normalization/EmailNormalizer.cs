namespace RetailTagging.Identity;

/// <summary>
/// Normalises e-mail addresses: trimmed, lower-cased, syntax-checked, then the provider rules of
/// the address's domain applied (e.g. Gmail ignores dots and <c>+tags</c> in the local part).
/// </summary>
public sealed class EmailNormalizer : IIdentifierNormalizer
{
    private readonly Dictionary<string, EmailProviderRule> _rules = new(StringComparer.Ordinal);

    /// <summary>Creates a normaliser with the given provider rules.</summary>
    public EmailNormalizer(IEnumerable<EmailProviderRule>? providerRules = null)
    {
        foreach (var rule in providerRules ?? [])
        {
            ArgumentNullException.ThrowIfNull(rule);
            foreach (var domain in rule.Domains)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(domain);
                _rules[domain.Trim().ToLowerInvariant()] = rule;
            }
        }
    }

    /// <inheritdoc />
    public NormalizedValue Normalize(string raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return NormalizedValue.Invalid("empty e-mail address");
        }
        var text = raw.Trim().ToLowerInvariant();
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1 || text.IndexOf('@') != at || !WellFormed(text, at))
        {
            return NormalizedValue.Invalid($"'{raw}' is not an e-mail address");
        }
        var local = text[..at];
        var domain = text[(at + 1)..];
        if (_rules.TryGetValue(domain, out var rule))
        {
            if (rule.IgnorePlusTag && local.IndexOf('+') is > 0 and var plus)
            {
                local = local[..plus];
            }
            if (rule.IgnoreDots)
            {
                local = local.Replace(".", "", StringComparison.Ordinal);
            }
            if (!string.IsNullOrWhiteSpace(rule.CanonicalDomain))
            {
                domain = rule.CanonicalDomain.Trim().ToLowerInvariant();
            }
        }
        return local.Length == 0
            ? NormalizedValue.Invalid($"'{raw}' has an empty local part")
            : NormalizedValue.Valid(local + "@" + domain);
    }

    /// <summary>A practical address check (RFC 5322 allows more, retail systems never see it): printable ASCII or
    /// Unicode letters, no spaces, a dotted domain without empty labels.</summary>
    private static bool WellFormed(string text, int at)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '(' or ')' or ',' or ':' or ';' or '<' or '>' or '[' or ']' or '\\')
            {
                return false;
            }
        }
        var domain = text.AsSpan(at + 1);
        return domain.Contains('.') && !domain.StartsWith(".") && !domain.EndsWith(".") && !domain.Contains("..", StringComparison.Ordinal)
            && !text.AsSpan(0, at).StartsWith(".") && !text.AsSpan(0, at).EndsWith(".");
    }
}
