using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace RetailTagging.Cli.Tests;

public sealed class ExplainCommandTests : TaggingFixture
{
    [Fact]
    public void Explains_one_tag_with_the_value_of_every_sub_expression_and_the_events_it_matched()
    {
        var (code, output, error) = Cli("explain", "--rules", Rules, "--customers", Customers, "--events", Events, "--as-of", "2024-06-30",
            "--customer", "c1", "--tag", "points_earner");

        Assert.True(code == 0, error);
        Assert.Equal("", error);
        Assert.Equal(
            """
            Customer c1 as of 2024-06-30T23:59:59.9999999+08:00 (business time zone Asia/Shanghai): 2 event(s) up to then; holds 7 of 8 tag(s).

            tag points_earner : fact  (version VERSION)
              = sum(purchase.points within 365d) >= 100
            'points_earner' is held: its rule is true.
            sum(purchase.points within 365d) >= 100  =>  true
              sum(purchase.points within 365d)  =>  110   (2 matching event(s): e1, e2)
              100  =>  100

            """.Replace("\r\n", "\n"),
            VersionFree(output));
    }

    [Fact]
    public void Explains_every_tag_held_ones_first_including_references_and_nulls()
    {
        var (code, output, error) = Cli("explain", "--rules", Rules, "--customers", Customers, "--events", Events, "--as-of", "2024-06-30", "--customer", "c2");

        Assert.True(code == 0, error);
        var headers = Lines(output).Where(l => l.StartsWith("tag ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).ToList();
        Assert.Equal(["spend_30d", "last_purchase_at", "recent_buyer", "points_rich", "tier", "tea_lover", "points_earner", "never_bought"], headers);
        Assert.Contains("holds 2 of 8 tag(s)", output);
        Assert.Contains("'spend_30d' is held: its rule is 0.", output);
        Assert.Contains("\nsum(purchase.amount within 30d)  =>  0   (no matching events)\n", output);
        Assert.Contains("'tier' is not held: its rule is null.", output);
        Assert.Contains("  @points_rich  =>  false   (effective value of @points_rich)", output);
        Assert.Contains("'tea_lover' is not held: its rule is false.", output);
        Assert.Contains("  customer.interests  =>  [\"coffee\"]", output);
        Assert.Contains("\nlast(purchase.at)  =>  2024-05-01T02:00:00Z   (1 matching event(s): e3)\n", output);
    }

    [Fact]
    public void The_as_of_instant_moves_the_windows_of_the_explanation()
    {
        string Explain(string asOf) => Cli("explain", "-r", Rules, "-c", Customers, "-e", Events, "--as-of", asOf, "--customer", "c1", "-t", "spend_30d").Out;

        Assert.Contains("sum(purchase.amount within 30d)  =>  250.50   (2 matching event(s): e1, e2)", Explain("2024-06-30"));
        Assert.Contains("sum(purchase.amount within 30d)  =>  100.25   (1 matching event(s): e1)", Explain("2024-07-10T02:00:00Z")); // e2 is exactly 30 days earlier: outside
        var before = Explain("2024-06-20");
        Assert.Contains("sum(purchase.amount within 30d)  =>  150.25   (1 matching event(s): e2)", before);
        Assert.Contains("1 later event(s) of this customer are not used.", before);
    }

    [Fact]
    public void Default_as_of_is_now()
    {
        var (code, output, error) = CliAt(new DateTimeOffset(2024, 7, 1, 0, 0, 0, TimeSpan.Zero),
            "explain", "-r", Rules, "-c", Customers, "-e", Events, "--customer", "c1", "--tag", "recent_buyer");
        Assert.True(code == 0, error);
        Assert.Contains("as of 2024-07-01T00:00:00+00:00", output);
        Assert.Contains("exists(purchase within 7d)  =>  true   (1 matching event(s): e1)", output);
    }

    [Fact]
    public void An_unknown_customer_or_tag_is_a_clear_message_and_exit_1()
    {
        var (code, output, error) = Cli("explain", "-r", Rules, "-c", Customers, "-e", Events, "--customer", "c42");
        Assert.Equal((1, ""), (code, output));
        Assert.Contains("retail-tags explain: error: customer 'c42' is not in customers.csv", error);

        (code, output, error) = Cli("explain", "-r", Rules, "-c", Customers, "-e", Events, "--customer", "c1", "--tag", "tea_lovr");
        Assert.Equal((1, ""), (code, output));
        Assert.Contains("the catalog has no tag 'tea_lovr'; did you mean 'tea_lover'?", error);

        (code, _, error) = Cli("explain", "-r", Rules, "-c", Customers, "-e", Events, "--customer", "c1", "--tag", "zzzzzzzz");
        Assert.Equal(1, code);
        Assert.Contains("the catalog has no tag 'zzzzzzzz'", error);
        Assert.DoesNotContain("did you mean", error);

        var customers = Write("bad.csv", "customer_id,loyalty_points\nc1,lots\n");
        (code, _, error) = Cli("explain", "-r", Rules, "-c", customers, "-e", Events, "--customer", "c1");
        Assert.Equal(1, code);
        Assert.Contains("bad.csv(2): warning: loyalty_points: 'lots' is not a number; row skipped", error);
        Assert.Contains("customer 'c1' is not in bad.csv (or its row is among the 1 rejected row(s) listed above)", error);

        (code, _, error) = Cli("explain", "-r", Rules, "-c", Customers, "-e", Events);
        Assert.Equal(1, code);
        Assert.Contains("--customer", error);
    }

    // Explain agrees with run: a customer holds a tag in run's output exactly when explain says it is held,
    // whatever the events (random amounts, points, types and instants around the windows).
    [Property(MaxTest = 12)]
    public Property Explain_agrees_with_the_rows_of_run()
    {
        var events = from customer in Gen.Elements("c1", "c2", "c3")
                     from type in Gen.Elements("purchase", "purchase", "page_view", "refund")
                     from hours in Gen.Choose(0, 24 * 60)
                     from amount in Gen.Choose(0, 50_000)
                     from points in Gen.Choose(-1, 80)
                     select (customer, type, hours, amount, points);
        return Prop.ForAll(events.ArrayOf().ToArbitrary(), rows =>
        {
            var csv = new StringBuilder("event_id,customer_id,type,occurred_at,amount,points\n");
            var start = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < rows.Length; i++)
            {
                var (customer, type, hours, amount, points) = rows[i];
                csv.Append($"e{i},{customer},{type},{start.AddHours(hours):yyyy-MM-ddTHH:mm:ssZ},{amount / 100m},{(points < 0 ? "" : points)}\n");
            }
            var eventsPath = Write($"events-{Guid.NewGuid():N}.csv", csv.ToString());
            var customers = Write("customers.csv", CustomersCsv);
            var run = Cli("run", "-r", Rules, "-c", customers, "-e", eventsPath, "--as-of", "2024-06-30");
            var held = Lines(run.Out)[1..].Select(l => l[..l.LastIndexOf(',')]).ToHashSet();
            foreach (var customer in new[] { "c1", "c2", "c3" })
            {
                var explain = Cli("explain", "-r", Rules, "-c", customers, "-e", eventsPath, "--as-of", "2024-06-30", "--customer", customer).Out;
                foreach (var tag in new[] { "recent_buyer", "spend_30d", "points_rich", "tier", "tea_lover", "points_earner", "last_purchase_at", "never_bought" })
                {
                    if (explain.Contains($"'{tag}' is held") != held.Contains($"{customer},{tag}"))
                        return false;
                }
            }
            return run.Code == 0;
        });
    }

    private static string VersionFree(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text.Replace("\r\n", "\n"), @"\(version [0-9a-f]+\)", "(version VERSION)");
}
