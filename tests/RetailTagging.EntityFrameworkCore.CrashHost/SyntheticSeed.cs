using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.EntityFrameworkCore.Privacy;
using RetailTagging.Synthetic;

namespace RetailTagging.EntityFrameworkCore.CrashHost;

/// <summary>Writes the first customers of the seeded synthetic population, with their events, as rows: the same data on every call.</summary>
internal static class SyntheticSeed
{
    public static async Task SeedAsync(DbContext context, PersonalDataProtector protector, int customers)
    {
        var generator = new RetailDataGenerator(new RetailDataOptions { CustomerCount = customers });
        var stored = new DateTime(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var page in generator.Customers().Chunk(250))
        {
            foreach (var synthetic in page)
            {
                var c = synthetic.Customer;
                context.Add(new CustomerRow
                {
                    Id = c.Id,
                    NameCipher = protector.Protect(c.Name),
                    PhoneCipher = protector.Protect(c.Phone),
                    PhoneHash = protector.Hash(c.Phone),
                    EmailCipher = protector.Protect(c.Email),
                    EmailHash = protector.Hash(c.Email?.ToLowerInvariant()),
                    Gender = c.Gender,
                    BirthDate = c.BirthDate,
                    City = c.City,
                    RegisteredAtUtc = c.RegisteredAt?.UtcDateTime,
                    MemberLevel = c.MemberLevel,
                    AttributesJson = JsonSerializer.Serialize(c.Attributes),
                    UpdatedAtUtc = stored,
                });
                foreach (var e in synthetic.Events)
                {
                    context.Add(new EventRow
                    {
                        Id = e.Id,
                        CustomerId = e.CustomerId,
                        Type = e.Type,
                        AtUtc = e.At.UtcDateTime,
                        Channel = e.Channel,
                        Store = e.Store,
                        Amount = e.Amount,
                        Sku = e.Sku,
                        Category = e.Category,
                        Brand = e.Brand,
                        Quantity = e.Quantity,
                        PropertiesJson = e.Properties.Count == 0 ? null : JsonSerializer.Serialize(e.Properties),
                        StoredAtUtc = stored,
                    });
                }
            }
            await context.SaveChangesAsync();
            context.ChangeTracker.Clear();
        }
    }
}
