using System.Text;
using Microsoft.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Tests.Support;

namespace RetailTagging.EntityFrameworkCore.Tests.Stores;

public sealed class CustomerStoreTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private async Task<TestStores> StoresAsync(DatabaseProvider provider) => new(await fixture.GetAsync(provider));

    private static Customer Zhang(string id, string phone = "13812345678") => new(id)
    {
        Name = "张伟", Phone = phone, Email = "Zhang.Wei@Example.com", Gender = "M", BirthDate = new DateOnly(1990, 2, 28), City = "上海",
        RegisteredAt = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.FromHours(8)), MemberLevel = "gold",
        Attributes = new Dictionary<string, object?> { ["points"] = 1200m, ["wechat_bound"] = true, ["favourite"] = "tea", ["tags"] = new object?[] { "a", "b" } },
    };

    [Theory, SqliteData, PostgresData]
    public async Task A_customer_reads_back_with_every_field(DatabaseProvider provider)
    {
        var stores = await StoresAsync(provider);
        var id = TestStores.NewId("c");
        var original = Zhang(id);
        await stores.Customers.UpsertCustomersAsync([original]);

        var read = await stores.Customers.FindCustomerAsync(id);
        Assert.NotNull(read);
        Assert.Equal((original.Name, original.Phone, original.Email, original.Gender, original.BirthDate, original.City, original.RegisteredAt, original.MemberLevel),
            (read.Name, read.Phone, read.Email, read.Gender, read.BirthDate, read.City, read.RegisteredAt, read.MemberLevel));
        Assert.Equal(1200m, read.Attributes["points"]);
        Assert.Equal(true, read.Attributes["wechat_bound"]);
        Assert.Equal(new object?[] { "a", "b" }, (object?[])read.Attributes["tags"]!);
        Assert.Null(await stores.Customers.FindCustomerAsync(TestStores.NewId("missing")));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Name_phone_and_email_are_encrypted_at_rest(DatabaseProvider provider)
    {
        var stores = await StoresAsync(provider);
        var id = TestStores.NewId("c");
        await stores.Customers.UpsertCustomersAsync([Zhang(id)]);

        await using var context = stores.Database.CreateContext();
        var row = await context.Customers.SingleAsync(c => c.Id == id);
        foreach (var cipher in new[] { row.NameCipher!, row.PhoneCipher!, row.EmailCipher! })
        {
            var text = Encoding.UTF8.GetString(cipher);
            Assert.DoesNotContain("13812345678", text);
            Assert.DoesNotContain("张伟", text);
            Assert.DoesNotContain("example", text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(32, row.PhoneHash!.Length);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Phone_and_email_lookups_match_any_spelling_of_the_same_number_or_address(DatabaseProvider provider)
    {
        var stores = await StoresAsync(provider);
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999);
        var a = TestStores.NewId("a");
        var b = TestStores.NewId("b");
        await stores.Customers.UpsertCustomersAsync([Zhang(a, phone), Zhang(b, "+86 " + phone[..3] + "-" + phone[3..7] + "-" + phone[7..]) with { Email = a + "@example.com" }]);

        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), (await stores.Customers.FindByPhoneAsync($"+86{phone}")).Select(c => c.Id));
        Assert.Equal([b], (await stores.Customers.FindByEmailAsync(a.ToUpperInvariant() + "@EXAMPLE.com")).Select(c => c.Id));
        Assert.Empty(await stores.Customers.FindByPhoneAsync("13900000000"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task An_upsert_replaces_the_customer_and_bumps_its_version(DatabaseProvider provider)
    {
        var stores = await StoresAsync(provider);
        var id = TestStores.NewId("c");
        await stores.Customers.UpsertCustomersAsync([Zhang(id)]);
        await stores.Customers.UpsertCustomersAsync([Zhang(id) with { MemberLevel = "platinum", Email = null }]);

        var read = await stores.Customers.FindCustomerAsync(id);
        Assert.Equal("platinum", read!.MemberLevel);
        Assert.Null(read.Email);
        await using var context = stores.Database.CreateContext();
        var row = await context.Customers.SingleAsync(c => c.Id == id);
        Assert.Equal(2, row.Version);
        Assert.Null(row.EmailHash);
    }

    [Fact]
    public async Task A_value_of_an_unsupported_type_is_refused_with_its_name()
    {
        var stores = new TestStores(await fixture.GetAsync(DatabaseProvider.Sqlite));
        var bad = new Customer(TestStores.NewId("c")) { Attributes = new Dictionary<string, object?> { ["blob"] = new Uri("http://x") } };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => stores.Customers.UpsertCustomersAsync([bad]).AsTask());
        Assert.Contains("blob", error.Message);
    }
}
