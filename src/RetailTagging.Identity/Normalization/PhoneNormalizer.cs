using PhoneNumbers;

namespace RetailTagging.Identity;

/// <summary>
/// Normalises phone numbers to E.164 with libphonenumber. Numbers without a country code are read
/// in the default region (China by default), so <c>138 1234 5678</c>, <c>+86-138-1234-5678</c> and
/// <c>008613812345678</c> all become <c>+8613812345678</c>; numbers that are not valid are rejected.
/// </summary>
public sealed class PhoneNormalizer : IIdentifierNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    // Validity of an 11-digit Chinese mobile number is decided by its leading digits, so libphonenumber's
    // verdict for one number holds for every number sharing them (checked for all 10,000 five-digit
    // prefixes 10000-19999 against random numbers: no prefix had numbers of both verdicts). Parsing costs
    // tens of microseconds; this cache makes the common case a dictionary lookup.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, bool> MobilePrefixValid = new();
    private const int MaxCachedPrefixes = 10_000;

    private readonly string _region;

    /// <summary>Creates a normaliser for the given default region (ISO 3166 code, e.g. <c>CN</c>).</summary>
    public PhoneNormalizer(string defaultRegion = "CN")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultRegion);
        if (!Util.GetSupportedRegions().Contains(defaultRegion.ToUpperInvariant()))
        {
            throw new ArgumentException($"'{defaultRegion}' is not a region libphonenumber knows (use an ISO 3166 code such as CN).", nameof(defaultRegion));
        }
        _region = defaultRegion.ToUpperInvariant();
    }

    /// <inheritdoc />
    public NormalizedValue Normalize(string raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return NormalizedValue.Invalid("empty phone number");
        }
        // Full-width digits and punctuation (８６１３８...) are common in Chinese input.
        if (!TextFolding.IsNfkc(raw))
        {
            raw = raw.Normalize(System.Text.NormalizationForm.FormKC);
        }
        var digits = 0;
        foreach (var c in raw)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
        }
        // Cheap pre-checks keep junk away from the parser (which reports errors by exception).
        if (digits < 5)
        {
            return NormalizedValue.Invalid($"'{raw}' has too few digits for a phone number");
        }
        if (digits > 17)
        {
            return NormalizedValue.Invalid($"'{raw}' has too many digits for a phone number");
        }
        if (FastChineseMobile(raw) is { } fast)
        {
            return fast;
        }
        PhoneNumber number;
        try
        {
            number = Util.Parse(raw, _region);
        }
        catch (NumberParseException ex)
        {
            return NormalizedValue.Invalid($"'{raw}' is not a phone number ({ex.ErrorType})");
        }
        if (!Util.IsValidNumber(number))
        {
            return NormalizedValue.Invalid($"'{raw}' is not a valid phone number");
        }
        return NormalizedValue.Valid(Util.Format(number, PhoneNumberFormat.E164));
    }

    /// <summary>
    /// The common case without the parser: an 11-digit Chinese mobile, bare in region CN or with +86/0086/86,
    /// written with spaces, dashes, dots or parentheses. Null means "not this shape; ask libphonenumber".
    /// </summary>
    private NormalizedValue? FastChineseMobile(string raw)
    {
        Span<char> digits = stackalloc char[17];
        var count = 0;
        var plus = false;
        foreach (var c in raw)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return null;
                }
                digits[count++] = c;
            }
            else if (c == '+' && count == 0 && !plus)
            {
                plus = true;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return null;
            }
        }
        ReadOnlySpan<char> national = digits[..count];
        if (count == 15 && !plus && national.StartsWith("0086"))
        {
            national = national[4..];
        }
        else if (count == 13 && national.StartsWith("86") && national[2] == '1')
        {
            national = national[2..];
        }
        else if (count != 11 || plus || _region != "CN")
        {
            return null;
        }
        if (national.Length != 11 || national[0] != '1')
        {
            return null;
        }
        var e164 = string.Concat("+86", national);
        var prefix = int.Parse(national[..5], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
        if (!MobilePrefixValid.TryGetValue(prefix, out var valid))
        {
            valid = Util.IsValidNumber(Util.Parse(e164, null));
            if (MobilePrefixValid.Count < MaxCachedPrefixes)
            {
                MobilePrefixValid[prefix] = valid;
            }
        }
        return valid ? NormalizedValue.Valid(e164) : NormalizedValue.Invalid($"'{raw}' is not a valid phone number");
    }
}
