using Bogus;

namespace RetailTagging.Synthetic.Identity;

/// <summary>Seeded Chinese retail customers (Bogus zh_CN) to feed <see cref="IdentityRecordGenerator"/> when no other customer source is at hand.</summary>
public static class SyntheticPersons
{
    // Mobile prefixes that libphonenumber accepts as valid Chinese mobiles.
    internal static readonly string[] MobilePrefixes =
        ["130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "157", "158", "159", "180", "181", "182", "183", "184", "185", "186", "187", "188", "189"];

    private static readonly string[] Cities = ["上海", "北京", "广州", "深圳", "杭州", "成都", "武汉", "南京", "苏州", "西安", "重庆", "天津", "长沙", "郑州", "青岛", "宁波", "厦门", "合肥", "福州", "昆明"];
    private static readonly string[] MailDomains = ["qq.com", "163.com", "126.com", "gmail.com", "outlook.com", "sina.com"];

    /// <summary>Generates <paramref name="count"/> customers with ids <c>P0000001</c>...; the same seed gives the same customers.</summary>
    public static IEnumerable<Customer> Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var faker = new Faker("zh_CN") { Random = new Randomizer(seed) };
        var start = new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 1; i <= count; i++)
        {
            var random = faker.Random;
            var female = random.Bool();
            var name = faker.Name.LastName() + faker.Name.FirstName();
            var email = random.Bool(0.4f)
                ? $"{random.Long(10_000_000, 9_999_999_999)}@qq.com"
                : $"{random.String2(random.Int(5, 10), "abcdefghijklmnopqrstuvwxyz")}{random.Int(1, 999)}@{random.ArrayElement(MailDomains)}";
            yield return new Customer($"P{i:D7}")
            {
                Name = name,
                Gender = female ? "F" : "M",
                BirthDate = DateOnly.FromDateTime(new DateTime(1955, 1, 1).AddDays(random.Int(0, 365 * 50))),
                Phone = random.ArrayElement(MobilePrefixes) + random.Long(0, 99_999_999).ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
                Email = email,
                City = random.ArrayElement(Cities),
                RegisteredAt = start.AddMinutes(random.Int(0, 60 * 24 * 365 * 5)),
            };
        }
    }
}
