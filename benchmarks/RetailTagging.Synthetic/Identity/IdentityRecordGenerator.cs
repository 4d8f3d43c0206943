using System.Globalization;
using System.Text;

namespace RetailTagging.Synthetic.Identity;

/// <summary>
/// Turns customers into the messy, overlapping source records identity resolution must untangle:
/// the same person seen by the POS, the online shop, the mini program and the service desk, with
/// phone and e-mail formatting variants, typos, surname-plus-honorific names, household members
/// sharing a phone, old numbers, second accounts and junk placeholders. Each record keeps the true
/// person id as its label. Streams; the same customers and seed give the same records.
/// </summary>
public sealed class IdentityRecordGenerator(IdentityNoise? noise = null)
{
    private static readonly string[] TypoChars = ["伟", "玮", "炜", "娜", "丽", "莉", "静", "敏", "明", "铭", "军", "君", "杰", "洁", "磊", "芳", "方", "勇", "涌", "燕", "艳", "华", "桦", "强"];
    private static readonly string[] JunkPhones = ["13800000000", "00000000000", "12345678901", "13888888888", "1", "-"];
    private static readonly string[] JunkEmails = ["test@test.com", "a@a.com", "none", "noreply@example.com"];

    private readonly IdentityNoise _noise = noise ?? new IdentityNoise();

    /// <summary>Generates the labelled records of the customers; households are formed from consecutive customers.</summary>
    public IEnumerable<LabelledIdentityRecord> Generate(IEnumerable<Customer> customers, int seed)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var household = new List<Customer>();
        var size = 0;
        var counter = 0;
        var householdRandom = new Random(seed);
        foreach (var customer in customers)
        {
            if (household.Count == 0)
            {
                // Household sizes 1-4, most people live with someone.
                size = householdRandom.Next(10) switch { < 3 => 1, < 7 => 2, < 9 => 3, _ => 4 };
            }
            household.Add(customer);
            if (household.Count == size)
            {
                foreach (var record in Household(household, seed, () => ++counter))
                {
                    yield return record;
                }
                household.Clear();
            }
        }
        foreach (var record in Household(household, seed, () => ++counter))
        {
            yield return record;
        }
    }

    private sealed record Person(Customer Customer, string Phone, string? OldPhone, string? MemberId, string? PosCard, string? UnionId, string? DeviceId, string Email);

    private IEnumerable<LabelledIdentityRecord> Household(List<Customer> members, int seed, Func<int> next)
    {
        var people = members.Select(c => Derive(c, seed)).ToList();
        foreach (var person in people)
        {
            var random = StableRandom.For(seed, "records:" + person.Customer.Id);
            var others = people.Where(p => p != person).ToList();
            var sources = new List<string>();
            if (random.Chance(0.65)) sources.Add("pos");
            if (random.Chance(0.60)) sources.Add("online");
            if (random.Chance(0.50)) sources.Add("mini_program");
            if (random.Chance(0.25)) sources.Add("service_desk");
            if (random.Chance(_noise.DuplicateAccount)) sources.Add("online2");
            if (sources.Count == 0) sources.Add("online");
            foreach (var source in sources)
            {
                yield return MakeRecord(person, others, source, random, next(), seed);
            }
        }
    }

    private static Person Derive(Customer c, int seed)
    {
        var r = StableRandom.For(seed, "person:" + c.Id);
        var phone = Digits(c.Phone) is { Length: 11 } p ? p : RandomMobile(r);
        var member = r.Chance(0.75);
        return new Person(
            c,
            phone,
            r.Chance(0.10) ? RandomMobile(r) : null,
            member ? "M" + r.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture) : null,
            member && r.Chance(0.6) ? "6222" + r.NextInt64(100_000_000_000, 999_999_999_999).ToString(CultureInfo.InvariantCulture) : null,
            r.Chance(0.6) ? "o" + Token(r, 27) : null,
            r.Chance(0.5) ? new Guid(Bytes(r, 16)).ToString() : null,
            string.IsNullOrWhiteSpace(c.Email) ? $"{Token(r, 8).ToLowerInvariant()}@163.com" : c.Email.Trim());
    }

    private LabelledIdentityRecord MakeRecord(Person person, List<Person> household, string source, Random r, int number, int seed)
    {
        var c = person.Customer;
        var ids = new List<KeyValuePair<string, string>>();
        var attributes = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Id(string type, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                ids.Add(new(type, value));
            }
        }
        var registered = c.RegisteredAt ?? new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var created = registered.AddHours(r.Next(0, 24 * 700));
        var updated = created.AddHours(r.Next(0, 24 * 300));
        var kind = source == "online2" ? "online" : source;
        switch (kind)
        {
            case "pos":
                if (person.MemberId is not null && r.Chance(0.85)) Id("member_id", r.Chance(0.01) ? "0" : person.MemberId);
                if (person.PosCard is not null) Id("pos_card", r.Chance(0.3) ? Group(person.PosCard, 4, ' ') : person.PosCard);
                // A POS member profile always has a card, a member id or a phone.
                if (ids.Count == 0 || r.Chance(0.95)) Id("phone", PhoneFor(person, household, r, typed: false, familyRisk: true));
                if (r.Chance(0.9)) attributes["name"] = NameFor(c, r, allowHonorific: true);
                if (r.Chance(0.7)) attributes["gender"] = GenderFor(c, r);
                break;
            case "online":
                Id("email", source == "online2" ? $"{Token(r, 7).ToLowerInvariant()}@126.com" : EmailFor(person.Email, r));
                if (r.Chance(0.95)) Id("phone", PhoneFor(person, household, r, typed: false, familyRisk: false, oldOk: true)); // phone login
                if (person.MemberId is not null && source == "online" && r.Chance(0.4)) Id("member_id", person.MemberId);
                if (person.UnionId is not null && source == "online" && r.Chance(0.4)) Id("wechat_unionid", person.UnionId); // WeChat login
                if (person.DeviceId is not null && r.Chance(0.5)) Id("device_id", r.Chance(0.5) ? person.DeviceId.ToUpperInvariant() : person.DeviceId);
                if (r.Chance(0.95)) attributes["name"] = NameFor(c, r, allowHonorific: false);
                if (r.Chance(0.6)) attributes["birth_date"] = DateFor(c.BirthDate, r);
                if (r.Chance(0.8)) attributes["city"] = CityFor(c.City, r);
                if (r.Chance(0.5)) attributes["gender"] = GenderFor(c, r);
                break;
            case "mini_program":
                Id("wechat_openid", "oMP" + Token(StableRandom.For(number, c.Id), 25));
                if (person.UnionId is not null && r.Chance(0.7)) Id("wechat_unionid", person.UnionId);
                if (r.Chance(0.92)) Id("phone", PhoneFor(person, household, r, typed: false, familyRisk: false)); // phone authorisation
                if (person.MemberId is not null && r.Chance(0.6)) Id("member_id", person.MemberId);
                if (r.Chance(0.6)) attributes["name"] = NameFor(c, r, allowHonorific: false); // real name from the member binding
                if (r.Chance(0.4)) attributes["birth_date"] = DateFor(c.BirthDate, r);
                if (r.Chance(0.7)) attributes["gender"] = GenderFor(c, r);
                attributes["nickname"] = Token(r, 6);
                break;
            default: // service_desk
                if (r.Chance(0.95)) Id("phone", PhoneFor(person, household, r, typed: true, familyRisk: true));
                if (r.Chance(0.2)) Id("email", EmailFor(person.Email, r));
                if (r.Chance(0.9)) attributes["name"] = NameFor(c, r, allowHonorific: true);
                if (r.Chance(0.4)) attributes["city"] = CityFor(c.City, r);
                break;
        }
        return new LabelledIdentityRecord($"{kind}:{RecordNumbers.Scramble(number, seed):D10}", kind, c.Id, created, updated, ids, attributes);
    }

    private string PhoneFor(Person person, List<Person> household, Random r, bool typed, bool familyRisk, bool oldOk = false)
    {
        if (r.Chance(_noise.Junk))
        {
            return r.Pick(JunkPhones);
        }
        var digits = person.Phone;
        if (familyRisk && household.Count > 0 && r.Chance(_noise.FamilyPhone))
        {
            digits = r.Pick(household).Phone;
        }
        else if (oldOk && person.OldPhone is not null && r.Chance(0.5))
        {
            digits = person.OldPhone;
        }
        if (typed && r.Chance(_noise.PhoneTypo))
        {
            var pos = r.Next(3, 11);
            digits = digits[..pos] + (char)('0' + ((digits[pos] - '0' + r.Next(1, 10)) % 10)) + digits[(pos + 1)..];
        }
        return r.Next(9) switch
        {
            0 => $"{digits[..3]} {digits[3..7]} {digits[7..]}",
            1 => $"{digits[..3]}-{digits[3..7]}-{digits[7..]}",
            2 => "+86 " + digits,
            3 => $"+86-{digits[..3]}-{digits[3..7]}-{digits[7..]}",
            4 => "0086" + digits,
            5 => $"86 {digits[..3]} {digits[3..7]} {digits[7..]}",
            6 => "(+86)" + digits,
            _ => digits,
        };
    }

    private string EmailFor(string email, Random r)
    {
        if (r.Chance(_noise.Junk))
        {
            return r.Pick(JunkEmails);
        }
        return r.Next(6) switch
        {
            0 => email.ToUpperInvariant(),
            1 => " " + email + " ",
            2 when email.EndsWith("@gmail.com", StringComparison.Ordinal) && email.IndexOf('@') > 2 => email.Insert(2, "."),
            _ => email,
        };
    }

    private string? NameFor(Customer c, Random r, bool allowHonorific)
    {
        if (string.IsNullOrWhiteSpace(c.Name))
        {
            return null;
        }
        var name = c.Name;
        var cjk = name.All(ch => ch > 0x2E80);
        if (allowHonorific && cjk && r.Chance(_noise.HonorificName))
        {
            return name[..1] + (c.Gender == "F" ? "女士" : "先生");
        }
        if (r.Chance(_noise.NameTypo) && name.Length > 1)
        {
            var pos = r.Next(1, name.Length);
            var replacement = cjk ? r.Pick(TypoChars)[0] : (char)('a' + r.Next(26));
            name = name[..pos] + replacement + name[(pos + 1)..];
        }
        return cjk && r.Chance(0.05) ? string.Join(' ', name.ToCharArray()) : name;
    }

    private static string? GenderFor(Customer c, Random r) => c.Gender switch
    {
        null => null,
        "F" => r.Pick(["F", "女", "female"]),
        "M" => r.Pick(["M", "男", "male"]),
        var g => g,
    };

    private string? DateFor(DateOnly? date, Random r)
    {
        if (date is not { } d)
        {
            return null;
        }
        if (r.Chance(_noise.BirthDateTypo))
        {
            d = d.Day <= 12 && d.Day != d.Month ? new DateOnly(d.Year, d.Day, d.Month) : d.AddDays(1);
        }
        return r.Next(3) switch
        {
            0 => d.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture),
            1 => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            _ => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    private static string? CityFor(string? city, Random r) =>
        city is null ? null : r.Chance(0.2) && !city.EndsWith('市') ? city + "市" : city;

    private static string RandomMobile(Random r) =>
        r.Pick(SyntheticPersons.MobilePrefixes) + r.NextInt64(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);

    private static string? Digits(string? phone)
    {
        if (phone is null)
        {
            return null;
        }
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.StartsWith("86", StringComparison.Ordinal) && digits.Length == 13 ? digits[2..] : digits;
    }

    private static string Group(string value, int size, char separator)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (i > 0 && i % size == 0) sb.Append(separator);
            sb.Append(value[i]);
        }
        return sb.ToString();
    }

    private static string Token(Random r, int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[r.Next(alphabet.Length)];
        }
        return new string(chars);
    }

    private static byte[] Bytes(Random r, int count)
    {
        var bytes = new byte[count];
        r.NextBytes(bytes);
        return bytes;
    }
}
