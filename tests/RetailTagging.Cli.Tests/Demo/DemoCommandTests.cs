using System.Globalization;
using System.Text.RegularExpressions;
using RetailTagging.Synthetic;
using Xunit;

namespace RetailTagging.Cli.Tests.Demo;

[Collection(DemoDatabaseCollection.Name)]
public sealed class DemoCommandTests(DemoDatabaseFixture demo)
{
    private static long Number(string text) => long.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private long Printed(string pattern) => Number(Regex.Match(demo.Output, pattern).Groups[1].Value);

    [Fact]
    public void The_demo_succeeds_and_prints_every_section()
    {
        Assert.True(demo.Exit == 0, $"exit {demo.Exit}\n{demo.Error}\n{demo.Output}");
        foreach (var section in new[] { "Identity resolution", "RFM grid", "Tags by dimension", "Largest segments", "Tag changes by weekly run", "Trigger firings", "Sample firings", "Timings" })
            Assert.Contains(section, demo.Output);
        Assert.Matches(@"R=5\s+\|", demo.Output); // the grid's rows
        foreach (var dimension in new[] { "value", "lifecycle", "preference", "risk", "service" })
            Assert.Matches($@"(?m)^\s+{dimension}\s+\d+\s+[\d,]+\s+[\d,]+ \(", demo.Output);
        Assert.Contains($"Stored in {demo.DatabasePath}", demo.Output);
    }

    [Fact]
    public void The_timings_split_identity_resolution_and_the_store_by_kind_of_write()
    {
        // Each breakdown row is indented under its step and carries a time; the parts never exceed their step.
        double Seconds(string step) => double.Parse(Regex.Match(demo.Output, $@"(?m)^\s+{Regex.Escape(step)}\s+([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        string[] identityParts = ["writing source records", "writing record assignments"];
        string[] storeParts = ["writing customers (EfCustomerStore)", "writing events (EfEventStore)", "writing tags, first run (EfTagStore)",
            "writing tags, weekly runs (EfTagStore)", "writing scores, firings, timers"];
        Assert.True(identityParts.Sum(Seconds) <= Seconds("Resolve identities") + 0.1 * identityParts.Length, demo.Output);
        Assert.True(storeParts.Sum(Seconds) <= Seconds("Store (overlaps the steps above)") + 0.1 * storeParts.Length, demo.Output);
    }

    [Fact]
    public void The_database_holds_every_customer_and_every_generated_event()
    {
        var generator = new RetailDataGenerator(new RetailDataOptions { CustomerCount = DemoDatabaseFixture.Customers, Seed = DemoDatabaseFixture.Seed });
        var events = generator.Customers().Sum(c => (long)c.Events.Count);

        Assert.Equal(DemoDatabaseFixture.Customers, demo.Scalar("SELECT COUNT(*) FROM rt_customers"));
        Assert.Equal(events, demo.Scalar("SELECT COUNT(*) FROM rt_events"));
        Assert.Equal(events, Printed(@"Data: ([\d,]+) events"));
        Assert.Equal(0, demo.Scalar("SELECT COUNT(*) FROM rt_events e WHERE NOT EXISTS (SELECT 1 FROM rt_customers c WHERE c.id = e.customer_id)"));
        // Personal data is encrypted at rest: no clear phone number in the customers table.
        Assert.Equal(0, demo.Scalar("SELECT COUNT(*) FROM rt_customers WHERE CAST(phone_cipher AS TEXT) GLOB '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'"));
    }

    [Fact]
    public void The_database_holds_the_tags_the_summary_counts()
    {
        Assert.Equal(252, demo.Scalar("SELECT COUNT(DISTINCT name) FROM rt_tag_definitions"));
        Assert.Equal(DemoDatabaseFixture.Customers, demo.Scalar("SELECT COUNT(*) FROM rt_tag_sets"));
        Assert.Equal(Printed(@"Tags by dimension \(([\d,]+) tags held"), demo.Scalar("SELECT COUNT(*) FROM rt_tag_assignments"));
        // Every held tag is a defined one, and every customer holds some (the catalog has always-valued facts).
        Assert.Equal(0, demo.Scalar("SELECT COUNT(*) FROM rt_tag_assignments a WHERE NOT EXISTS (SELECT 1 FROM rt_tag_definitions d WHERE d.name = a.tag)"));
        Assert.Equal(DemoDatabaseFixture.Customers, demo.Scalar("SELECT COUNT(DISTINCT customer_id) FROM rt_tag_assignments"));
        // The RFM segment is a model tag held by every customer with a purchase.
        Assert.Equal(demo.Scalar("SELECT COUNT(*) FROM rt_score_snapshots WHERE score = 'r_score'"), demo.Scalar("SELECT COUNT(*) FROM rt_tag_assignments WHERE tag = 'rfm_segment'"));
    }

    [Fact]
    public void The_history_holds_the_changes_of_each_weekly_run_after_the_first()
    {
        var runs = Regex.Matches(demo.Output, @"(?m)^\s+(\d{4}-\d\d-\d\d) \d\d:\d\d \+08:00\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+([\d,]+)\s*$")
            .Select(m => (Day: m.Groups[1].Value, Total: Number(m.Groups[2].Value))).ToList();
        Assert.Equal(DemoDatabaseFixture.Weeks + 1, runs.Count);
        Assert.Equal(runs.Skip(1).Sum(r => r.Total), demo.Scalar("SELECT COUNT(*) FROM rt_tag_history"));
        var stored = demo.Query("SELECT run_id, COUNT(*) FROM rt_tag_history GROUP BY run_id ORDER BY run_id", r => (r.GetString(0), r.GetInt64(1)));
        Assert.Equal(runs.Skip(1).Select(r => ("demo-" + r.Day, r.Total)), stored);
    }

    [Fact]
    public void The_outbox_and_the_timers_hold_what_the_triggers_decided()
    {
        var section = demo.Output[demo.Output.IndexOf("Trigger firings", StringComparison.Ordinal)..demo.Output.IndexOf("Sample firings", StringComparison.Ordinal)];
        var delivered = Regex.Matches(section, @"(?m)^\s+([a-z_]+)\s+([\d,]+)\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+[\d,]+\s*$")
            .Where(m => m.Groups[1].Value != "trigger").ToDictionary(m => m.Groups[1].Value, m => Number(m.Groups[2].Value));
        Assert.NotEmpty(delivered);
        var stored = demo.Query("SELECT trigger_id, COUNT(*) FROM rt_outbox_messages GROUP BY trigger_id", r => (r.GetString(0), r.GetInt64(1))).ToDictionary();
        Assert.Equal(delivered.Where(p => p.Value > 0).OrderBy(p => p.Key), stored.OrderBy(p => p.Key));
        Assert.Equal(Printed(@"([\d,]+) timers still pending"), demo.Scalar("SELECT COUNT(*) FROM rt_trigger_timers"));
        // Consent: no marketing message to a customer who did not opt in.
        Assert.Equal(0, demo.Scalar("""
            SELECT COUNT(*) FROM rt_outbox_messages o JOIN rt_customers c ON c.id = o.customer_id
            WHERE o.channel <> 'Call' AND json_extract(c.attributes_json, '$.marketing_opt_in') = 0
            """));
    }
}
