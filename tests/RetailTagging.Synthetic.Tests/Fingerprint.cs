using System.Globalization;
using System.Text;
using RetailTagging.Synthetic;

namespace RetailTagging.Synthetic.Tests;

/// <summary>Everything observable about a generated customer as one string, to compare two generations.</summary>
internal static class Fingerprint
{
    public static string Of(SyntheticCustomer c)
    {
        var s = new StringBuilder();
        var x = c.Customer;
        s.AppendJoin('|', c.Index, x.Id, x.Name, x.Gender, x.BirthDate, x.Phone, x.Email, x.City, x.RegisteredAt?.ToString("O", CultureInfo.InvariantCulture), x.MemberLevel);
        foreach (var (key, value) in x.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal)) s.Append('|').Append(key).Append('=').Append(value);
        foreach (var (key, value) in c.Scores.OrderBy(a => a.Key, StringComparer.Ordinal)) s.Append('|').Append(key).Append('=').Append(value);
        s.Append('|').Append(c.Traits);
        foreach (var e in c.Events)
        {
            s.Append('\n').AppendJoin('|', e.Id, e.CustomerId, e.Type, e.At.ToString("O", CultureInfo.InvariantCulture), e.Channel, e.Store, e.Amount, e.Sku, e.Category, e.Brand, e.Quantity);
            foreach (var (key, value) in e.Properties.OrderBy(a => a.Key, StringComparer.Ordinal)) s.Append('|').Append(key).Append('=').Append(value);
        }
        return s.ToString();
    }
}
