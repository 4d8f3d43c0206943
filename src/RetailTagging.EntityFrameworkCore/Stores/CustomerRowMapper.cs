using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.EntityFrameworkCore.Privacy;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>Customers to rows (encrypting personal data) and back.</summary>
internal static class CustomerRowMapper
{
    public static void Copy(Customer customer, CustomerRow row, PersonalDataProtector protector, LookupKeys keys)
    {
        row.NameCipher = protector.Protect(customer.Name);
        row.PhoneCipher = protector.Protect(customer.Phone);
        row.PhoneHash = keys.Phone(customer.Phone);
        row.EmailCipher = protector.Protect(customer.Email);
        row.EmailHash = keys.Email(customer.Email);
        row.Gender = customer.Gender;
        row.BirthDate = customer.BirthDate;
        row.City = customer.City;
        row.RegisteredAtUtc = Providers.Utc(customer.RegisteredAt);
        row.MemberLevel = customer.MemberLevel;
        row.AttributesJson = TypedJson.Write(customer.Attributes);
    }

    public static Customer ToCustomer(CustomerRow row, PersonalDataProtector protector) => new(row.Id)
    {
        Name = protector.Unprotect(row.NameCipher),
        Phone = protector.Unprotect(row.PhoneCipher),
        Email = protector.Unprotect(row.EmailCipher),
        Gender = row.Gender,
        BirthDate = row.BirthDate,
        City = row.City,
        RegisteredAt = Providers.Instant(row.RegisteredAtUtc),
        MemberLevel = row.MemberLevel,
        Attributes = TypedJson.Read(row.AttributesJson),
    };
}
