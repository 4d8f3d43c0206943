using RetailTagging.Catalog;
using RetailTagging.Lifecycle.Tests.Support;

namespace RetailTagging.Lifecycle.Tests.Catalog;

/// <summary>The <c>trigger</c> declaration: what the catalog compiler describes, and every diagnostic it reports.</summary>
public sealed class CatalogTriggerSyntaxTests
{
    [Fact]
    public void The_documented_playbook_compiles_to_seven_described_triggers()
    {
        var triggers = Catalogs.Playbook.Triggers;
        Assert.Equal(["first_purchase_coupon", "birthday_offer", "abandoned_cart", "complaint_callback", "formula_replenishment", "win_back", "new_member_welcome"],
            triggers.Select(t => t.Name));

        var coupon = triggers[0];
        Assert.Equal(CatalogTriggerSourceKind.Event, coupon.Source);
        Assert.Equal("First-order coupon", coupon.DisplayName);
        Assert.Equal("purchase", coupon.Event!.EventType);
        Assert.Equal("count(purchase) == 1", coupon.Condition!.Text);
        Assert.Equal(TimeSpan.FromHours(72), coupon.Delay);
        Assert.Equal(new CatalogTriggerCancel(new CatalogEventPattern("purchase", null, null), TimeSpan.FromHours(72)), coupon.Cancel);
        Assert.Equal(["wechat", "sms", "email"], coupon.Channels);
        Assert.Equal(7, coupon.Position.Line);

        var birthday = triggers[1];
        Assert.Equal((CatalogTriggerSourceKind.Date, "birth_date", -3, new TimeOnly(10, 0)), (birthday.Source, birthday.DateAttribute, birthday.DateOffsetDays, birthday.LocalTime!.Value));

        var callback = triggers[3];
        Assert.True(callback.IsService);
        Assert.Equal(100, callback.Priority);
        Assert.Equal(new Dictionary<string, string> { ["risk"] = "high", ["due_within"] = "PT2H" }, callback.Properties);

        var replenishment = triggers[4];
        Assert.Equal(CatalogTriggerSourceKind.Inactivity, replenishment.Source);
        Assert.Equal(TimeSpan.FromDays(28), replenishment.InactivityPeriod);
        Assert.Equal("category == \"formula_milk\"", replenishment.Event!.Where);
        Assert.Equal(TimeSpan.FromHours(24), triggers[2].Cooldown);
    }

    [Fact]
    public void An_event_filter_sees_the_events_own_fields_and_a_condition_the_customers_history()
    {
        var catalog = Catalogs.Compile("""
            property purchase.coupon_code : string
            trigger big_first on event purchase where amount >= 500 and coupon_code is null when count(purchase) == 1 do thank_you via sms
            """);
        var trigger = Assert.Single(catalog.Triggers);
        var customer = new Customer("c1");
        var at = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
        var big = new CustomerEvent("e1", "c1", "purchase", at) { Amount = 600 };
        var small = new CustomerEvent("e2", "c1", "purchase", at) { Amount = 20 };
        Assert.True(trigger.Event!.Filter!.IsTrue(customer, [big], at));
        Assert.False(trigger.Event.Filter.IsTrue(customer, [small], at));
        Assert.True(trigger.Condition!.IsTrue(customer, [big], at));
        Assert.False(trigger.Condition.IsTrue(customer, [small, big], at));
    }

    [Theory]
    [InlineData("tag vip = customer.member_level == \"gold\"\ntrigger t on tag vip entered do x", CatalogTriggerSourceKind.TagEntered)]
    [InlineData("tag vip = customer.member_level == \"gold\"\ntrigger t on tag @vip exited do x", CatalogTriggerSourceKind.TagExited)]
    [InlineData("tag tier = customer.member_level\ntrigger t on tag tier changed do x", CatalogTriggerSourceKind.TagChanged)]
    public void Tag_triggers_name_a_catalog_tag_and_a_transition(string text, CatalogTriggerSourceKind expected)
    {
        var trigger = Assert.Single(Catalogs.Compile(text).Triggers);
        Assert.Equal(expected, trigger.Source);
        Assert.Equal(text.Contains("tier", StringComparison.Ordinal) ? "tier" : "vip", trigger.Tag);
    }

    [Theory]
    [InlineData("trigger t on date birth_date at 9:30", 0, 9, 30)]
    [InlineData("trigger t on date registered_at + 7d at 00:00", 7, 0, 0)]
    [InlineData("attribute renewal : date\ntrigger t on date renewal - 30d at 23:59", -30, 23, 59)]
    public void Date_triggers_take_a_whole_day_offset_and_a_local_time(string text, int offset, int hour, int minute)
    {
        var trigger = Assert.Single(Catalogs.Compile(text).Triggers);
        Assert.Equal((offset, new TimeOnly(hour, minute)), (trigger.DateOffsetDays, trigger.LocalTime!.Value));
    }

    [Fact]
    public void Unless_takes_the_delay_as_its_window_and_a_sequence_sets_the_delay()
    {
        var triggers = Catalogs.Compile("""
            trigger a on event purchase after 2h unless refund do x
            trigger b on event purchase after 2h unless refund where amount > 10 within 1h do x
            trigger c on event cart_add not followed by checkout where amount > 0 within 30m
            """).Triggers;
        Assert.Equal((TimeSpan.FromHours(2), TimeSpan.FromHours(2)), (triggers[0].Delay, triggers[0].Cancel!.Within));
        Assert.Equal((TimeSpan.FromHours(2), TimeSpan.FromHours(1), "amount > 10"), (triggers[1].Delay, triggers[1].Cancel!.Within, triggers[1].Cancel!.Event.Where));
        Assert.Equal((TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30)), (triggers[2].Delay, triggers[2].Cancel!.Within));
        Assert.Null(triggers[2].Action);
        Assert.Empty(triggers[2].Channels);
    }

    [Fact]
    public void The_documented_tag_trigger_and_a_filter_ending_in_a_comparison_before_not_followed_by_compile()
    {
        var catalog = Catalogs.Compile("""
            property cart_add.is_gift : bool
            tag dormant_90 "No purchase for 90 days" = days_since(last(purchase).at) > 90
            trigger dormant_win_back on tag dormant_90 entered do send_win_back_offer via sms, email priority 20
            trigger gift on event cart_add where is_gift == true not followed by checkout within 30m
            """);
        Assert.Equal(["dormant_win_back", "gift"], catalog.Triggers.Select(t => t.Name));
        Assert.Equal("is_gift == true", catalog.Triggers[1].Event!.Where);
        // A bare bool name right before 'not followed by' reads as the start of 'not between' / 'not in'.
        Assert.Equal("RT0005", Assert.Single(Catalogs.Diagnose("property cart_add.is_gift : bool\ntrigger gift on event cart_add where is_gift not followed by checkout within 30m"), d => d.IsError).Code);
    }

    [Fact]
    public void A_declared_event_type_used_only_by_a_trigger_is_not_reported_unused()
    {
        var diagnostics = Catalogs.Diagnose("event wishlist_add\nattribute renewal : date\ntrigger t on event wishlist_add do x\ntrigger r on date renewal at 10:00");
        Assert.Empty(diagnostics);
    }

    [Theory]
    // New codes.
    [InlineData("trigger t on event purchase colour \"red\" do x", "RT1031", 1, 29, "unknown trigger clause 'colour'")]
    [InlineData("trigger t on event purchase dp x", "RT1031", 1, 29, "did you mean 'do'?")]
    [InlineData("tag vip = customer.age > 60\ntrigger t on tag vip enterd", "RT1032", 2, 22, "did you mean 'entered'?")]
    [InlineData("trigger t on date city at 10:00", "RT1033", 1, 14, "'city' is not a date attribute")]
    [InlineData("trigger t on date birth_dat at 10:00", "RT1033", 1, 14, "did you mean 'birth_date'?")]
    [InlineData("trigger t on event sign_up via sms, wechta", "RT1034", 1, 37, "did you mean 'wechat'?")]
    [InlineData("trigger t on event cart_add after 1h not followed by checkout within 30m", "RT1035", 1, 29, "'after' cannot be combined with 'not followed by'")]
    [InlineData("trigger t on event cart_add after 1h unless checkout not followed by purchase within 1h", "RT1035", 1, 54, "'not followed by' cannot be combined with 'unless'")]
    [InlineData("trigger t on event cart_add after 1h unless checkout unless purchase", "RT1020", 1, 54, "'unless' is given more than once")]
    [InlineData("trigger t on inactivity purchase for 28d after 1h", "RT1035", 1, 42, "'after' cannot be combined with 'on inactivity'")]
    [InlineData("tag vip = customer.age > 60\ntrigger t on event purchase when @vip", "RT1036", 2, 34, "trigger on the tag instead: 'on tag vip entered'")]
    [InlineData("trigger t on event purchase unless refund", "RT1037", 1, 29, "'unless' needs 'within <duration>' or an 'after' delay")]
    [InlineData("trigger t on date birth_date - 36h at 10:00", "RT1037", 1, 30, "a date offset must be whole days")]
    [InlineData("trigger t on date birth_date - 181d at 10:00", "RT1037", 1, 30, "at most 180")]
    [InlineData("trigger t on date birth_date at 24:00", "RT1037", 1, 33, "the time of day must be hh:mm")]
    [InlineData("trigger t on inactivity purchase for 0d", "RT1037", 1, 38, "an inactivity period must be a positive duration")]
    // Existing codes, reused.
    [InlineData("trigger t on event purchse", "RT1002", 1, 14, "did you mean 'purchase'?")]
    [InlineData("trigger t on event purchase where amout > 1", "RT1003", 1, 35, "event type 'purchase' has no property 'amout'")]
    [InlineData("trigger t on event purchase when amount > 1", "RT1027", 1, 34, "event field 'amount'")]
    [InlineData("trigger t on tag vp entered", "RT1008", 1, 14, "unknown tag '@vp'")]
    [InlineData("trigger t on event purchase when count(purchase)", "RT1017", 1, 34, "a trigger condition must be a bool, found number")]
    [InlineData("trigger t on event purchase do x do y", "RT1020", 1, 34, "'do' is given more than once")]
    [InlineData("trigger t on event purchase with a \"1\", a \"2\"", "RT1020", 1, 41, "'a' is given more than once")]
    [InlineData("trigger t on event purchase priority 1.5", "RT1029", 1, 29, "'priority' takes a whole number")]
    [InlineData("trigger t on event purchase after 0m", "RT1029", 1, 29, "'after' takes a positive duration")]
    [InlineData("trigger t on event sign_up\ntrigger t on event purchase", "RT1010", 2, 1, "trigger 't' is already declared")]
    [InlineData("trigger t on event purchase after", "RT0005", 1, 34, "syntax error")]
    [InlineData("trigger t event purchase", "RT0005", 1, 11, "syntax error")]
    public void Each_mistake_gets_its_code_position_and_a_helpful_message(string text, string code, int line, int column, string message)
    {
        var diagnostics = Catalogs.Diagnose(text);
        var diagnostic = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal((line, column), (diagnostic.Position.Line, diagnostic.Position.Column));
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_in_several_triggers_are_all_reported_and_the_catalog_is_not_compiled()
    {
        var ok = CatalogCompiler.TryCompile("trigger a on event purchse\ntrigger b on event sign_up via fax\ntag t = customer.age > 1", out var catalog, out var diagnostics);
        Assert.False(ok);
        Assert.Null(catalog);
        Assert.Equal(["RT1002", "RT1034"], diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Every_catalog_channel_name_maps_to_a_channel_and_back()
    {
        Assert.Equal(Enum.GetValues<TriggerChannel>().Length, CatalogTrigger.KnownChannels.Count);
        foreach (var name in CatalogTrigger.KnownChannels)
            Assert.Equal(name, CatalogTriggers.Channel(name).ToString().ToLowerInvariant());
        Assert.Throws<ArgumentException>(() => CatalogTriggers.Channel("fax"));
        Assert.Throws<ArgumentException>(() => CatalogTriggers.Channel("1"));
    }
}
