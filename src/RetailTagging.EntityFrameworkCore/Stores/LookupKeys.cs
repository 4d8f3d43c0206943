using RetailTagging.Identity;
using RetailTagging.EntityFrameworkCore.Privacy;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>
/// The keyed lookup hashes of phone numbers and e-mail addresses: normalised the way identity resolution does
/// (E.164; lower-cased, provider rules), so <c>138 1234 5678</c> and <c>+86 138-1234-5678</c> find the same customer.
/// A value the normaliser rejects is hashed trimmed (and lower-cased for e-mail), so it still finds itself.
/// </summary>
internal sealed class LookupKeys(PersonalDataProtector protector, string phoneRegion)
{
    private readonly PhoneNormalizer _phones = new(phoneRegion);
    private readonly EmailNormalizer _emails = new();

    public byte[]? Phone(string? phone) =>
        string.IsNullOrWhiteSpace(phone) ? null : protector.Hash(_phones.Normalize(phone).Value ?? phone.Trim());

    public byte[]? Email(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : protector.Hash(_emails.Normalize(email).Value ?? email.Trim().ToLowerInvariant());

    public byte[] Identifier(string type, string value) =>
        type.ToLowerInvariant() switch
        {
            "phone" or "mobile" => Phone(value) ?? protector.Hash("")!,
            "email" => Email(value) ?? protector.Hash("")!,
            _ => protector.Hash(value.Trim())!,
        };
}
