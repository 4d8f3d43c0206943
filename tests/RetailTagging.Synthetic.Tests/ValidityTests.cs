using System.Text.RegularExpressions;
using RetailTagging.Synthetic;

namespace RetailTagging.Synthetic.Tests;

/// <summary>Every generated record is well formed: what an ingest validator would accept.</summary>
public partial class ValidityTests
{
    private static IReadOnlyList<SyntheticCustomer> All => Population.Default;

    private static readonly string[] Channels = ["pos", "online", "mini_program"];
    private static readonly string[] JunkPhones = ["13800000000", "13800138000", "18888888888", "0215550123"];
    private static readonly DateOnly JunkBirthDate = new(1900, 1, 1);

    [GeneratedRegex(@"^M\d{10}$")]
    private static partial Regex MemberId();

    [GeneratedRegex(@"^1\d{10}$")]
    private static partial Regex Mobile();

    [Fact]
    public void Event_ids_are_unique_across_the_population()
    {
        var ids = All.SelectMany(c => c.Events).Select(e => e.Id).ToList();
        Assert.All(ids, id => Assert.False(string.IsNullOrWhiteSpace(id)));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_event_is_valid()
    {
        var asOf = Population.Options.AsOf;
        foreach (var c in All)
        {
            var registered = c.Customer.RegisteredAt!.Value;
            foreach (var e in c.Events)
            {
                Assert.Equal(c.Customer.Id, e.CustomerId);
                Assert.Contains(e.Type, EventTypes.All);
                Assert.InRange(e.At, registered, asOf);
                Assert.Contains(e.Channel, Channels);
                if (e.Amount is { } amount)
                {
                    Assert.True(amount >= 0, $"{e.Id} has a negative amount");
                    Assert.True(amount == Math.Round(amount, 2), $"{e.Id} amount {amount} has more than 2 decimals");
                }
                if (e.Quantity is { } quantity) Assert.True(quantity >= 1);
            }
        }
    }

    [Fact]
    public void Events_are_in_time_order_and_start_with_the_sign_up()
    {
        foreach (var c in All)
        {
            Assert.Equal(EventTypes.SignUp, c.Events[0].Type);
            Assert.Single(c.Events, e => e.Type == EventTypes.SignUp);
            for (var i = 1; i < c.Events.Count; i++) Assert.True(c.Events[i - 1].At <= c.Events[i].At, $"{c.Events[i].Id} is out of order");
        }
    }

    [Fact]
    public void Purchases_carry_product_money_and_channel_details()
    {
        foreach (var p in All.SelectMany(c => c.Events).Where(e => e.Type == EventTypes.Purchase))
        {
            Assert.True(p.Amount > 0);
            Assert.False(string.IsNullOrEmpty(p.Category));
            Assert.False(string.IsNullOrEmpty(p.Brand));
            Assert.StartsWith(p.Sku![..3], p.Sku);
            Assert.Equal(p.Channel == "pos", p.Store is not null);
            Assert.Contains((string)p.Properties["payment"]!, new[] { "wechat_pay", "alipay", "card", "cash" });
            if ((string?)p.Properties["payment"] == "cash") Assert.Equal("pos", p.Channel);
        }
    }

    [Fact]
    public void Refunds_follow_a_purchase_of_the_same_product()
    {
        foreach (var c in All)
        foreach (var refund in c.Events.Where(e => e.Type == EventTypes.Refund))
            Assert.Contains(c.Events, p => p.Type == EventTypes.Purchase && p.Sku == refund.Sku && p.At < refund.At && p.Amount >= refund.Amount);
    }

    [Fact]
    public void Custom_event_properties_have_their_declared_shapes()
    {
        var events = All.SelectMany(c => c.Events).ToList();
        Assert.All(events.Where(e => e.Type == EventTypes.Complaint), e => Assert.Contains((string)e.Properties["severity"]!, new[] { "low", "medium", "high" }));
        Assert.All(events.Where(e => e.Type == EventTypes.ServiceTicket), e =>
        {
            Assert.InRange((decimal)e.Properties["satisfaction"]!, 1, 5);
            Assert.IsType<bool>(e.Properties["resolved"]);
            Assert.IsType<string>(e.Properties["topic"]);
        });
        Assert.All(events.Where(e => e.Type == EventTypes.CouponRedeem), e => Assert.IsType<string>(e.Properties["coupon_code"]));
    }

    [Fact]
    public void Customers_have_plausible_profiles()
    {
        var asOf = DateOnly.FromDateTime(Population.Options.AsOf.Date);
        foreach (var c in All.Select(c => c.Customer))
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Name));
            Assert.False(string.IsNullOrWhiteSpace(c.City));
            Assert.Contains(c.Gender, new[] { "F", "M", null });
            Assert.Contains(c.MemberLevel, new[] { "regular", "silver", "gold", "platinum" });
            if (c.BirthDate is { } birth && birth != JunkBirthDate) Assert.InRange(asOf.Year - birth.Year, 18, 80);
            if (c.Phone is not null && !JunkPhones.Contains(c.Phone)) Assert.Matches(Mobile(), c.Phone);
            if (c.Email is not null) Assert.Contains("@", c.Email);
            Assert.Matches(MemberId(), (string)c.Attributes["member_id"]!);
            Assert.True((decimal)c.Attributes["loyalty_points"]! >= 0);
            Assert.IsType<bool>(c.Attributes["marketing_opt_in"]);
        }
        // Missing and junk values exist, as in any member system, but stay rare.
        Assert.InRange(All.Count(c => c.Customer.BirthDate is null) / (double)All.Count, 0.04, 0.10);
        Assert.InRange(All.Count(c => c.Customer.Email is null) / (double)All.Count, 0.3, 0.5);
        Assert.InRange(All.Count(c => c.Customer.BirthDate == JunkBirthDate), 1, All.Count / 100);
        Assert.InRange(All.Count(c => c.Customer.Phone is { } p && JunkPhones.Contains(p)), 1, All.Count / 50);
    }

    [Fact]
    public void Scores_are_probabilities_and_money()
    {
        foreach (var c in All)
        {
            Assert.InRange(c.Scores["churn"], 0, 1);
            Assert.InRange(c.Scores["p_alive"], 0, 1);
            Assert.InRange(c.Scores["propensity_maternity"], 0, 1);
            Assert.True(c.Scores["clv"] >= 0);
        }
        // The churn score is informative: customers who dropped out score higher on average.
        var dropped = All.Where(c => c.Traits.DroppedOutAt is not null).Average(c => c.Scores["churn"]);
        var active = All.Where(c => c.Traits.IsBuyer && c.Traits.DroppedOutAt is null).Average(c => c.Scores["churn"]);
        Assert.True(dropped > active + 0.2m, $"churn score: dropped {dropped:F2}, active {active:F2}");
    }
}
