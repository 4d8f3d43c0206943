using System.CommandLine;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Cli.Commands;
using Xunit;

namespace RetailTagging.Cli.Tests;

/// <summary>A temp directory with a small catalog and dataset, plus helpers to run the CLI in-process.</summary>
public abstract class TaggingFixture : IDisposable
{
    protected readonly string Dir = Directory.CreateTempSubdirectory("rt-tagging-").FullName;

    public void Dispose() => Directory.Delete(Dir, recursive: true);

    // Windows, references, valued tags of several types, declared attributes and a declared event property.
    protected const string Catalog = """
        timezone "Asia/Shanghai"
        attribute loyalty_points : number
        attribute interests : list<string>
        property purchase.points : number

        tag recent_buyer = exists(purchase within 7d)
        tag spend_30d = sum(purchase.amount within 30d)
        tag points_rich = customer.loyalty_points >= 5000
        tag tier = case when @points_rich then "gold" when @recent_buyer then "active" else null end
        tag tea_lover = "tea" in customer.interests
        tag points_earner = sum(purchase.points within 365d) >= 100
        tag last_purchase_at = last(purchase).at
        tag never_bought = not exists(purchase)
        """;

    protected const string CustomersCsv = """
        customer_id,name,loyalty_points,interests
        c1,Li Na,6200,tea|wine
        c2,"Wang, Wei",100,coffee
        c3,Zhang,,
        "c,4",,,
        """;

    protected const string EventsCsv = """
        event_id,customer_id,type,occurred_at,amount,points
        e1,c1,purchase,2024-06-25T10:00:00+08:00,100.25,60
        e2,c1,purchase,2024-06-10T10:00:00+08:00,150.25,50
        e3,c2,purchase,2024-05-01T10:00:00+08:00,80,
        e4,c2,page_view,2024-06-29T10:00:00+08:00,,
        """;

    // The expected rows as of 2024-06-30 (end of day in Asia/Shanghai), customers in file order, tags in catalog order.
    protected static readonly string[] ExpectedRows =
    [
        "c1,recent_buyer,true",
        "c1,spend_30d,250.50",
        "c1,points_rich,true",
        "c1,tier,gold",
        "c1,tea_lover,true",
        "c1,points_earner,true",
        "c1,last_purchase_at,2024-06-25T02:00:00Z",
        "c2,spend_30d,0",
        "c2,last_purchase_at,2024-05-01T02:00:00Z",
        "c3,spend_30d,0",
        "c3,never_bought,true",
        "\"c,4\",spend_30d,0",
        "\"c,4\",never_bought,true",
    ];

    protected string Write(string name, string content)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, content.Replace("\r\n", "\n"));
        return path;
    }

    protected string P(string name) => Path.Combine(Dir, name);

    protected string Rules => Write("catalog.tags", Catalog);

    protected string Customers => Write("customers.csv", CustomersCsv);

    protected string Events => Write("events.csv", EventsCsv);

    protected static (int Code, string Out, string Error) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApplication.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command built with a fixed clock, for the default as-of instant.</summary>
    protected static (int Code, string Out, string Error) CliAt(DateTimeOffset now, params string[] args)
    {
        var root = new RootCommand { RunCommand.Create(new FixedTime(now)), ExplainCommand.Create(new FixedTime(now)) };
        var output = new StringWriter();
        var error = new StringWriter();
        var code = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    protected static string[] Lines(string text) => text.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

public sealed class RunCommandTests : TaggingFixture
{
    [Fact]
    public void Tags_every_customer_and_writes_csv_rows_to_stdout_with_a_summary_on_stderr()
    {
        var (code, output, error) = Cli("run", "--rules", Rules, "--customers", Customers, "--events", Events, "--as-of", "2024-06-30");

        Assert.True(code == 0, error);
        Assert.Equal(["customer_id,tag,value", .. ExpectedRows], Lines(output));
        Assert.Equal(
            "retail-tags run: 4 customer(s) tagged as of 2024-06-30T23:59:59.9999999+08:00 with 8 tag(s): 13 tag(s) assigned, 4 customer(s) hold at least one; " +
            "rejected rows: 0 in customers.csv, 0 in events.csv",
            error.Trim());
    }

    [Fact]
    public void Writes_json_lines_with_native_json_values_when_the_output_ends_in_jsonl()
    {
        var out_ = P("tags.jsonl");
        var (code, output, error) = Cli("run", "--rules", Rules, "--customers", Customers, "--events", Events, "--as-of", "2024-06-30", "--out", out_);

        Assert.True(code == 0, error);
        Assert.Equal("", output);
        var rows = File.ReadAllLines(out_).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(ExpectedRows.Length, rows.Count);
        JsonElement Value(string customer, string tag) =>
            rows.Single(r => r.GetProperty("customer_id").GetString() == customer && r.GetProperty("tag").GetString() == tag).GetProperty("value");
        Assert.Equal(JsonValueKind.True, Value("c1", "recent_buyer").ValueKind);
        Assert.Equal(250.50m, Value("c1", "spend_30d").GetDecimal());
        Assert.Equal(JsonValueKind.Number, Value("c2", "spend_30d").ValueKind);
        Assert.Equal("gold", Value("c1", "tier").GetString());
        Assert.Equal("2024-06-25T02:00:00Z", Value("c1", "last_purchase_at").GetString());
        Assert.Equal(JsonValueKind.True, Value("c,4", "never_bought").ValueKind);
        Assert.Equal(["customer_id", "tag", "value"], rows[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Writes_csv_to_a_file_and_json_lines_inputs_give_the_same_rows()
    {
        var customers = Write("customers.jsonl", """
            {"customer_id": "c1", "name": "Li Na", "loyalty_points": 6200, "interests": ["tea", "wine"]}
            {"customer_id": "c2", "name": "Wang, Wei", "loyalty_points": "100", "interests": ["coffee"]}
            {"customer_id": "c3", "name": "Zhang", "loyalty_points": null}
            {"customer_id": "c,4"}
            """);
        var events = Write("events.jsonl", """
            {"event_id": "e3", "customer_id": "c2", "type": "purchase", "occurred_at": "2024-05-01T10:00:00+08:00", "amount": 80}
            {"event_id": "e1", "customer_id": "c1", "type": "purchase", "occurred_at": "2024-06-25T10:00:00+08:00", "amount": 100.25, "points": 60}
            {"event_id": "e4", "customer_id": "c2", "type": "page_view", "occurred_at": "2024-06-29T10:00:00+08:00"}
            {"event_id": "e2", "customer_id": "c1", "type": "purchase", "occurred_at": "2024-06-10T10:00:00+08:00", "amount": 150.25, "points": "50"}
            """);
        var out_ = P("tags.csv");
        var (code, output, error) = Cli("run", "-r", Rules, "-c", customers, "-e", events, "--as-of", "2024-06-30", "-o", out_);

        Assert.True(code == 0, error);
        Assert.Equal("", output);
        Assert.Equal(["customer_id,tag,value", .. ExpectedRows], File.ReadAllLines(out_));
    }

    [Fact]
    public void Bad_rows_are_reported_with_file_and_line_skipped_and_counted()
    {
        var customers = Write("customers.csv", """
            customer_id,birth_date,loyalty_points,wechat_openid
            c1,1990-01-01,6200,o-1
            c2,1990-13-01,10,o-2
            c3,,many,o-3
            c1,,1,o-4
            """);
        var events = Write("events.csv", """
            event_id,customer_id,type,occurred_at,amount,points,coupon
            e1,c1,purchase,2024-06-25T10:00:00+08:00,100,60,SPRING
            e2,c1,wishlist_add,2024-06-25T10:00:00+08:00,,,
            e3,c1,purchase,2024-06-25T10:00:00+08:00,-5,,
            e4,c1,purchase,2024-06-25T10:00:00+08:00,5,lots,
            e1,c1,purchase,2024-06-26T10:00:00+08:00,100,60,
            e6,c9,purchase,2024-06-25T10:00:00+08:00,1,,
            e7,,purchase,2024-06-25T10:00:00+08:00,1,,
            e8,c9,purchase,2024-06-26T10:00:00+08:00,1,,
            e9,c2,purchase,2024-06-26T10:00:00+08:00,1,,
            """);
        var (code, output, error) = Cli("run", "--rules", Rules, "--customers", customers, "--events", events, "--as-of", "2024-06-30");

        Assert.True(code == 0, error);
        Assert.Equal(["customer_id,tag,value", "c1,recent_buyer,true", "c1,spend_30d,100", "c1,points_rich,true", "c1,tier,gold", "c1,last_purchase_at,2024-06-25T02:00:00Z"],
            Lines(output));
        var lines = Lines(error);
        string[] expected =
        [
            "events.csv: warning: column 'coupon' ignored: no event type of the catalog declares it (declare it with 'property <event>.coupon : <type>')",
            "events.csv(3): warning: unknown event type 'wishlist_add'; row skipped",
            "events.csv(4): warning: negative amount (record a refund as an event of type 'refund' with a positive amount); row skipped",
            "events.csv(5): warning: property points: 'lots' is not a number; row skipped",
            "events.csv(6): warning: duplicate event_id 'e1' (first on line 2); row skipped",
            "events.csv(8): warning: missing customer_id; row skipped",
            "customers.csv(1): warning: column 'wechat_openid' ignored: the catalog declares no such customer attribute (declare it with 'attribute wechat_openid : <type>')",
            "customers.csv(3): warning: birth_date: '1990-13-01' is not a date (yyyy-MM-dd); row skipped",
            "customers.csv(4): warning: loyalty_points: 'many' is not a number; row skipped",
            "customers.csv(5): warning: duplicate customer_id 'c1' (first on line 2); row skipped",
            "events.csv(7): warning: events of customer 'c9', the first on this line: the customer is not in customers.csv (or its row was rejected); 2 rows skipped",
            "events.csv(10): warning: events of customer 'c2', the first on this line: the customer is not in customers.csv (or its row was rejected); row skipped",
        ];
        Assert.Equal(expected, lines[..^1]);
        Assert.EndsWith("rejected rows: 3 in customers.csv, 8 in events.csv", lines[^1]);
        Assert.StartsWith("retail-tags run: 1 customer(s) tagged", lines[^1]);
    }

    [Fact]
    public void Strict_stops_at_the_first_bad_row_with_exit_1_and_leaves_an_existing_output_file_alone()
    {
        var out_ = Write("tags.csv", "previous run\n");
        var customers = Write("bad-customers.csv", "customer_id,loyalty_points\nc1,10\nc2,ten\nc3,5\n");
        var (code, _, error) = Cli("run", "--rules", Rules, "--customers", customers, "--events", Events, "--as-of", "2024-06-30", "--out", out_, "--strict");

        Assert.Equal(1, code);
        Assert.Contains("bad-customers.csv(3): error: loyalty_points: 'ten' is not a number (--strict: stopping)", error);
        Assert.DoesNotContain("retail-tags run: ", error);
        Assert.Equal("previous run\n", File.ReadAllText(out_));
        Assert.Equal([out_], Directory.GetFiles(Dir, "*tags.csv*"));

        var events = Write("bad-events.csv", EventsCsv + "\ne5,c1,purchase,2024-06-31T10:00:00Z,1,\n");
        (code, _, error) = Cli("run", "--rules", Rules, "--customers", Customers, "--events", events, "--as-of", "2024-06-30", "--strict");
        Assert.Equal(1, code);
        Assert.Contains("bad-events.csv(6): error: occurred_at '2024-06-31T10:00:00Z' is not an ISO-8601 date or date-time", error);
    }

    [Fact]
    public void Strict_fails_on_events_of_a_customer_missing_from_the_customers_file_but_the_default_run_succeeds()
    {
        var events = Write("orphans.csv", EventsCsv + "\ne9,c9,purchase,2024-06-25T10:00:00Z,1,\n");
        var out_ = P("tags.csv");
        var (code, _, error) = Cli("run", "--rules", Rules, "--customers", Customers, "--events", events, "--as-of", "2024-06-30", "--out", out_, "--strict");
        Assert.Equal(1, code);
        Assert.Contains("orphans.csv(6): error: events of customer 'c9'", error);
        Assert.False(File.Exists(out_));

        (code, _, error) = Cli("run", "--rules", Rules, "--customers", Customers, "--events", events, "--as-of", "2024-06-30", "--out", out_);
        Assert.Equal(0, code);
        Assert.Equal(["customer_id,tag,value", .. ExpectedRows], File.ReadAllLines(out_));
        Assert.Contains("rejected rows: 0 in customers.csv, 1 in orphans.csv", error);
    }

    [Theory]
    // recent_buyer = exists(purchase within 7d): the window is (asOf - 7d, asOf].
    [InlineData("2024-06-30T10:00:00Z", true)]         // the event is at the as-of instant: inside
    [InlineData("2024-07-07T09:59:59Z", true)]         // one second inside the window
    [InlineData("2024-07-07T10:00:00Z", false)]        // exactly 7 days later: the lower bound is excluded
    [InlineData("2024-06-30T09:59:59Z", false)]        // one second before the event: the event is in the future
    [InlineData("2024-06-30T18:00:00+08:00", true)]    // an offset is honoured (10:00Z)
    [InlineData("2024-06-30T10:00:00", true)]          // no offset means UTC
    [InlineData("2024-06-30", true)]                   // a date is the end of that day in the catalog's zone
    [InlineData("2024-06-29", false)]                  // ... so the day before is before the event
    public void As_of_is_an_instant_or_the_end_of_a_date_and_windows_are_exact_at_their_bounds(string asOf, bool recent)
    {
        var events = Write("one.csv", "event_id,customer_id,type,occurred_at,amount\ne1,c1,purchase,2024-06-30T10:00:00Z,5\n");
        var customers = Write("one-customer.csv", "customer_id\nc1\n");
        var (code, output, error) = Cli("run", "--rules", Rules, "--customers", customers, "--events", events, "--as-of", asOf);

        Assert.True(code == 0, error);
        Assert.Equal(recent, Lines(output).Contains("c1,recent_buyer,true"));
        Assert.Equal(asOf is "2024-06-30T09:59:59Z" or "2024-06-29", error.Contains("1 event(s) after the as-of instant not used"));
    }

    [Fact]
    public void As_of_defaults_to_now()
    {
        var events = Write("two.csv", "event_id,customer_id,type,occurred_at,amount\ne1,c1,purchase,2030-01-01T00:00:00Z,5\ne2,c1,purchase,2030-01-10T00:00:00Z,7\n");
        var customers = Write("one-customer.csv", "customer_id\nc1\n");

        var (code, output, error) = CliAt(new DateTimeOffset(2030, 1, 5, 0, 0, 0, TimeSpan.Zero), "run", "--rules", Rules, "--customers", customers, "--events", events);
        Assert.True(code == 0, error);
        Assert.Contains("c1,spend_30d,5", Lines(output));
        Assert.Contains("as of 2030-01-05T00:00:00+00:00", error);
        Assert.Contains("1 event(s) after the as-of instant not used", error);

        // And with the real clock, events of 2030 are in the future.
        (code, output, error) = Cli("run", "--rules", Rules, "--customers", customers, "--events", events);
        Assert.True(code == 0, error);
        Assert.Contains("c1,never_bought,true", Lines(output));
        Assert.Contains("2 event(s) after the as-of instant not used", error);
    }

    [Fact]
    public void A_header_only_customer_file_gives_a_header_only_output()
    {
        var customers = Write("none.csv", "customer_id,name\n");
        var (code, output, error) = Cli("run", "--rules", Rules, "--customers", customers, "--events", Events, "--as-of", "2024-06-30");
        Assert.Equal(0, code);
        Assert.Equal("customer_id,tag,value\n", output);
        Assert.Contains("0 customer(s) tagged", error);
        Assert.Contains("4 in events.csv", error); // their customers are not in the file: reported, not dropped
    }

    [Fact]
    public void Bad_arguments_and_unreadable_inputs_exit_1_with_a_message()
    {
        var rules = Rules;
        var customers = Customers;
        var events = Events;
        (string[] Args, string Message)[] cases =
        [
            (["run", "--rules", rules, "--customers", P("missing.csv"), "--events", events], "--customers " + P("missing.csv") + ": file not found"),
            (["run", "--rules", rules, "--customers", customers, "--events", P("missing.csv")], "--events " + P("missing.csv") + ": file not found"),
            (["run", "--rules", P("missing.tags"), "--customers", customers, "--events", events], "cannot read the file"),
            (["run", "--rules", rules, "--customers", customers, "--events", events, "--as-of", "yesterday"], "--as-of 'yesterday' is not an ISO-8601 instant"),
            (["run", "--rules", rules, "--customers", Write("c.xlsx", "x"), "--events", events], "unknown customer file extension '.xlsx'"),
            (["run", "--rules", rules, "--customers", customers, "--events", Write("e.txt", "x")], "unknown event file extension '.txt'"),
            (["run", "--rules", rules, "--customers", Write("noid.csv", "name\nx\n"), "--events", events], "missing required column customer_id"),
            (["run", "--rules", rules, "--customers", customers, "--events", Write("nocols.csv", "event_id\ne1\n")], "missing required column(s) customer_id, type, occurred_at"),
            (["run", "--rules", rules, "--customers", customers, "--events", events, "--out", P("no/such/dir/tags.csv")], "retail-tags run: error:"),
            (["run", "--rules", Write("bad.tags", "tag x = sum(purchase.amount within 30d) >= \"a\"\ntag y = @nope\n"), "--customers", customers, "--events", events], "2 error(s) in the catalog"),
            (["run", "--customers", customers, "--events", events], "--rules"),
        ];
        foreach (var (args, message) in cases)
        {
            var (code, output, error) = Cli(args);
            Assert.True(code == 1, $"{string.Join(' ', args)} => {code}: {error}");
            Assert.Contains(message, error);
            Assert.DoesNotContain("internal error", error);
        }
    }

    [Fact]
    public void Declared_property_types_apply_to_json_lines_arrays_too()
    {
        var rules = Write("lists.tags", """
            property purchase.labels : list<string>
            tag gift_buyer = count(purchase where "gift" in labels) >= 2
            """);
        var customers = Write("c.csv", "customer_id\nc1\n");
        var events = Write("e.jsonl", """
            {"event_id": "e1", "customer_id": "c1", "type": "purchase", "occurred_at": "2024-06-01", "labels": ["gift", "sale"]}
            {"event_id": "e2", "customer_id": "c1", "type": "purchase", "occurred_at": "2024-06-02", "labels": "sale|gift"}
            {"event_id": "e3", "customer_id": "c1", "type": "purchase", "occurred_at": "2024-06-03", "labels": [1, {"a": 2}]}
            """);
        var (code, output, error) = Cli("run", "--rules", rules, "--customers", customers, "--events", events, "--as-of", "2024-06-30");
        Assert.True(code == 0, error);
        Assert.Equal(["customer_id,tag,value", "c1,gift_buyer,true"], Lines(output));
        Assert.Contains("e.jsonl(3): warning: property labels: item 2 of the list is a JSON object, not a string; row skipped", error);
    }

    [Fact]
    public void A_catalog_can_span_several_rules_files_and_json_output_is_json_lines()
    {
        var a = Write("a.tags", "tag bought = exists(purchase)\n");
        var b = Write("b.tags", "tag repeat_buyer = @bought and count(purchase) > 1\n");
        var out_ = P("tags.json");
        foreach (var rules in new[] { new[] { "--rules", a, b }, ["-r", a, "-r", b] })
        {
            var (code, _, error) = Cli(["run", .. rules, "--customers", Customers, "--events", Events, "--as-of", "2024-06-30", "--out", out_]);
            Assert.True(code == 0, error);
            Assert.Equal(
                ["{\"customer_id\":\"c1\",\"tag\":\"bought\",\"value\":true}", "{\"customer_id\":\"c1\",\"tag\":\"repeat_buyer\",\"value\":true}",
                 "{\"customer_id\":\"c2\",\"tag\":\"bought\",\"value\":true}"],
                File.ReadAllLines(out_));
        }
    }

    [Fact]
    public void Score_columns_feed_model_tags()
    {
        var rules = Write("model.tags", """
            score churn
            tag churn_risk = score("churn") > 0.7
            tag bought = exists(purchase)
            """);
        var customers = Write("scored.csv", "customer_id,score.churn\nc1,0.82\nc2,0.5\nc3,\n");
        var (code, output, error) = Cli("run", "--rules", rules, "--customers", customers, "--events", Events, "--as-of", "2024-06-30");

        Assert.True(code == 0, error);
        Assert.Equal(["customer_id,tag,value", "c1,churn_risk,true", "c1,bought,true", "c2,bought,true"], Lines(output));
        var explain = Cli("explain", "--rules", rules, "--customers", customers, "--events", Events, "--as-of", "2024-06-30", "--customer", "c1", "--tag", "churn_risk");
        Assert.Contains("score(\"churn\")  =>  0.82", explain.Out);
    }

    // Whatever the order of the rows in both files, the same rows come out, in the customers file's order.
    [Property(MaxTest = 25)]
    public Property Row_order_of_the_inputs_does_not_change_the_output() =>
        Prop.ForAll(Gen.Shuffle(Lines(EventsCsv)[1..]).ToArbitrary(), Gen.Shuffle(Lines(CustomersCsv)[1..]).ToArbitrary(), (events, customers) =>
        {
            var eventsPath = Write($"events-{Guid.NewGuid():N}.csv", Lines(EventsCsv)[0] + "\n" + string.Join("\n", events) + "\n");
            var customersPath = Write($"customers-{Guid.NewGuid():N}.csv", Lines(CustomersCsv)[0] + "\n" + string.Join("\n", customers) + "\n");
            var (code, output, _) = Cli("run", "--rules", Rules, "--customers", customersPath, "--events", eventsPath, "--as-of", "2024-06-30");
            var order = customers.Select(c => c.StartsWith('"') ? "\"c,4\"" : c.Split(',')[0]).ToList();
            var expected = ExpectedRows.OrderBy(r => order.IndexOf(order.First(r.StartsWith))).ToArray();
            return code == 0 && Lines(output)[1..].SequenceEqual(expected);
        });

    [Fact]
    public void Many_customers_come_out_in_input_order_whatever_the_parallelism()
    {
        var customers = new StringBuilder("customer_id,loyalty_points\n");
        var events = new StringBuilder("event_id,customer_id,type,occurred_at,amount\n");
        for (var i = 0; i < 3000; i++)
        {
            customers.Append($"k{i:D5},{i * 3}\n");
            events.Append($"e{i},k{2999 - i:D5},purchase,2024-06-{1 + i % 28:D2}T12:00:00Z,{i % 100}.5\n");
        }
        var (code, output, error) = Cli("run", "--rules", Rules, "--customers", Write("many.csv", customers.ToString()),
            "--events", Write("many-events.csv", events.ToString()), "--as-of", "2024-06-30");

        Assert.True(code == 0, error);
        var ids = Lines(output)[1..].Select(l => l.Split(',')[0]).Distinct().ToList();
        Assert.Equal(3000, ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Contains("k01667,points_rich,true", Lines(output)); // 1667 * 3 = 5001
        Assert.DoesNotContain("k01666,points_rich,true", Lines(output));
        Assert.Contains("3000 customer(s) tagged", error);
    }
}
