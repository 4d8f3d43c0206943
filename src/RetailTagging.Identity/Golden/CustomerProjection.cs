using System.Globalization;

namespace RetailTagging.Identity;

/// <summary>Projects a golden record and its records' events onto the engine's model.</summary>
internal static class CustomerProjection
{
    private static readonly HashSet<string> BuiltIn =
    [
        AttributeNames.Name, AttributeNames.Gender, AttributeNames.BirthDate, AttributeNames.City,
        AttributeNames.MemberLevel, AttributeNames.RegisteredAt, IdentifierTypes.Phone, IdentifierTypes.Email,
    ];

    public static Customer ToCustomer(GoldenRecord golden, IReadOnlyList<PreparedRecord> records)
    {
        string? Get(string name) => golden.Attributes.TryGetValue(name, out var v) ? v.Value : null;
        DateTimeOffset? registered = DateTimeOffset.TryParse(Get(AttributeNames.RegisteredAt), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : records.Select(r => r.Source.CreatedAt).Where(c => c is not null).Min();
        return new Customer(golden.CustomerId)
        {
            Name = Get(AttributeNames.Name),
            Gender = TextFolding.FoldGender(Get(AttributeNames.Gender)),
            BirthDate = TextFolding.ParseDate(Get(AttributeNames.BirthDate)),
            City = Get(AttributeNames.City),
            MemberLevel = Get(AttributeNames.MemberLevel),
            Phone = Get(IdentifierTypes.Phone),
            Email = Get(IdentifierTypes.Email),
            RegisteredAt = registered,
            Attributes = golden.Attributes.Where(p => !BuiltIn.Contains(p.Key))
                .ToDictionary(p => p.Key, p => (object?)p.Value.Value, StringComparer.Ordinal),
        };
    }

    public static IReadOnlyList<CustomerEvent> Events(string customerId, IReadOnlyList<PreparedRecord> records)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var events = new List<CustomerEvent>();
        foreach (var record in records)
        {
            foreach (var e in record.Source.Events)
            {
                if (seen.Add(e.Id))
                {
                    events.Add(e.CustomerId == customerId ? e : new CustomerEvent(e.Id, customerId, e.Type, e.At)
                    {
                        Channel = e.Channel,
                        Store = e.Store,
                        Amount = e.Amount,
                        Sku = e.Sku,
                        Category = e.Category,
                        Brand = e.Brand,
                        Quantity = e.Quantity,
                        Properties = e.Properties,
                    });
                }
            }
        }
        events.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : string.CompareOrdinal(a.Id, b.Id));
        return events;
    }
}
