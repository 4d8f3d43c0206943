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
        if (!raw.IsNormalized(System.Text.NormalizationForm.FormKC))
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
}
