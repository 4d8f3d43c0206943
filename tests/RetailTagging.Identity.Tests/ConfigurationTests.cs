using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RetailTagging.Identity;
using Xunit;

namespace RetailTagging.Identity.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public async Task AddIdentityResolution_wires_options_store_and_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddIdentityResolution(o => o.CustomerIdPrefix = "c-")
            .BuildServiceProvider();
        var resolver = provider.GetRequiredService<IdentityResolver>();
        Assert.Same(resolver, provider.GetRequiredService<IdentityResolver>());
        await resolver.AddAsync(Build.Record("a", ids: [("email", "a@qq.com")]));
        Assert.Equal("c-a", resolver.GetCustomerOfRecord("a")!.Id);
        var store = Assert.IsType<InMemoryIdentityStore>(provider.GetRequiredService<IIdentityStore>());
        Assert.Equal(1, store.RecordCount);
    }

    [Fact]
    public void A_host_store_replaces_the_in_memory_default()
    {
        var custom = new InMemoryIdentityStore();
        using var provider = new ServiceCollection().AddSingleton<IIdentityStore>(custom).AddIdentityResolution().BuildServiceProvider();
        Assert.Same(custom, provider.GetRequiredService<IIdentityStore>());
    }

    [Theory]
    [InlineData("""{"rules":[{"name":"x","fields":[]}]}""", "at least one field")]
    [InlineData("""{"rules":[{"name":"x","fields":["phone:abc"]}]}""", "'phone:abc' is not a field")]
    [InlineData("""{"identifierLimits":{"phone":0}}""", "at least 1")]
    [InlineData("""{"fuzzy":{"reviewThreshold":0.9,"autoMergeThreshold":0.5}}""", "ReviewThreshold")]
    [InlineData("""{"blockedValues":[{"pattern":"("}]}""", "not a valid regular expression")]
    [InlineData("""{"phoneRegion":"XX"}""", "ISO 3166")]
    public void Bad_configuration_is_a_clear_argument_error(string json, string message)
    {
        var options = JsonSerializer.Deserialize<IdentityResolutionOptions>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var ex = Assert.ThrowsAny<ArgumentException>(() => new IdentityResolver(options));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public async Task Custom_identifier_types_and_rules_work_from_json()
    {
        const string json = """
            {
              "rules": [ { "name": "same_loyalty_app", "fields": ["loyalty_app"], "priority": 1 } ],
              "customIdentifierTypes": { "loyalty_app": { "caseSensitive": false, "removeSeparators": true } },
              "fuzzy": { "enabled": false }
            }
            """;
        var options = JsonSerializer.Deserialize<IdentityResolutionOptions>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        using var resolver = new IdentityResolver(options);
        await resolver.AddRangeAsync([
            Build.Record("a", ids: [("loyalty_app", "ab-12")]),
            Build.Record("b", minutes: 1, ids: [("LOYALTY_APP", "AB12")]),
            Build.Record("c", minutes: 2, ids: [("email", "x@qq.com")]),
        ]);
        Assert.Equal(["a,b", "c"], Build.Partition(resolver).Order());
    }
}
