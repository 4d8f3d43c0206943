using System.Collections.Immutable;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Cli.Input;
using RetailTagging.Cli.Output;
using RetailTagging.Language;
using Xunit;

namespace RetailTagging.Cli.Tests;

public sealed class CustomerFileReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rt-customers-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly TagSchema Schema = TagSchema.CreateBuilder()
        .AddAttribute("loyalty_points", TagType.Number)
        .AddAttribute("vip", TagType.Bool)
        .AddAttribute("interests", TagType.ListOf(TagType.String))
        .AddAttribute("lucky_numbers", TagType.ListOf(TagType.Number))
        .AddAttribute("last_visit", TagType.Instant)
        .AddAttribute("anniversary", TagType.Date)
        .AddAttribute("grace", TagType.Duration)
        .AddScore("churn")
        .Build();

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static (List<CustomerFileRecord> Records, List<string> Warnings) Read(string path)
    {
        var warnings = new List<string>();
        var records = new CustomerFileReader(Schema, warnings.Add).Read(path).ToList();
        return (records, warnings);
    }

    [Fact]
    public void Csv_columns_map_to_built_in_and_declared_attributes_with_their_types()
    {
        var path = Write("customers.csv",
            "customer_id,name,gender,birth_date,phone,email,city,registered_at,member_level,loyalty_points,vip,interests,lucky_numbers,last_visit,anniversary,grace\n" +
            "c1,Li Na,F,1988-07-02,13912345678,li@example.com,Shanghai,2021-03-15T10:00:00+08:00,gold,6200.50,true,tea|baby care,3|7.5,2024-06-01T08:00:00Z,2015-05-20,90d\n");
        var (records, warnings) = Read(path);

        Assert.Empty(warnings);
        var c = Assert.Single(records).Customer!;
        Assert.Equal("c1", c.Id);
        Assert.Equal(("Li Na", "F", "13912345678", "li@example.com", "Shanghai", "gold"), (c.Name, c.Gender, c.Phone, c.Email, c.City, c.MemberLevel));
        Assert.Equal(new DateOnly(1988, 7, 2), c.BirthDate);
        Assert.Equal(new DateTimeOffset(2021, 3, 15, 2, 0, 0, TimeSpan.Zero), c.RegisteredAt);
        Assert.Equal(6200.50m, c.Attributes["loyalty_points"]);
        Assert.Equal(true, c.Attributes["vip"]);
        Assert.Equal(new object[] { "tea", "baby care" }, (object?[])c.Attributes["interests"]!);
        Assert.Equal(new object[] { 3m, 7.5m }, (object?[])c.Attributes["lucky_numbers"]!);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 8, 0, 0, TimeSpan.Zero), c.Attributes["last_visit"]);
        Assert.Equal(new DateOnly(2015, 5, 20), c.Attributes["anniversary"]);
        Assert.Equal(TimeSpan.FromDays(90), c.Attributes["grace"]);
        // The engine sees the same values: the conversion the engine applies keeps them.
        Assert.Equal(Value.FromNumber(6200.50m), Value.FromObject(c.Attributes["loyalty_points"], TagType.Number));
        Assert.Equal(2, Value.FromObject(c.Attributes["interests"], TagType.ListOf(TagType.String)).AsList.Length);
    }

    [Fact]
    public void Empty_cells_are_null_and_header_names_match_ignoring_case()
    {
        var path = Write("customers.csv", "Customer_ID, Name ,LOYALTY_POINTS,vip\nc1,,,\nc2,  Bo ,  12 ,FALSE\n");
        var (records, _) = Read(path);

        var first = records[0].Customer!;
        Assert.Null(first.Name);
        Assert.False(first.Attributes.ContainsKey("loyalty_points"));
        Assert.False(first.Attributes.ContainsKey("vip"));
        var second = records[1].Customer!;
        Assert.Equal("Bo", second.Name);
        Assert.Equal(12m, second.Attributes["loyalty_points"]);
        Assert.Equal(false, second.Attributes["vip"]);
    }

    [Fact]
    public void Json_lines_take_native_json_values_arrays_and_nulls()
    {
        var path = Write("customers.jsonl",
            "{\"customer_id\": 1001, \"phone\": 13912345678, \"loyalty_points\": 0.1, \"vip\": true, \"interests\": [\"tea\", \"wine\"], \"lucky_numbers\": [1, \"2.5\"], \"city\": null}\n" +
            "\n" +
            "{\"customer_id\": \"c2\", \"interests\": \"tea|wine\", \"grace\": \"P3DT4H\"}\n");
        var (records, warnings) = Read(path);

        Assert.Empty(warnings);
        Assert.All(records, r => Assert.Null(r.Reason));
        var first = records[0].Customer!;
        Assert.Equal(("1001", "13912345678"), (first.Id, first.Phone));
        Assert.Equal(0.1m, first.Attributes["loyalty_points"]);
        Assert.Equal(true, first.Attributes["vip"]);
        Assert.Equal(new object[] { "tea", "wine" }, (object?[])first.Attributes["interests"]!);
        Assert.Equal(new object[] { 1m, 2.5m }, (object?[])first.Attributes["lucky_numbers"]!);
        Assert.Null(first.City);
        Assert.Equal(3, records[1].Line);
        Assert.Equal(new object[] { "tea", "wine" }, (object?[])records[1].Customer!.Attributes["interests"]!);
        Assert.Equal(new TimeSpan(3, 4, 0, 0), records[1].Customer!.Attributes["grace"]);
    }

    [Fact]
    public void Bad_rows_are_rejected_with_line_number_and_reason_and_the_rest_is_read()
    {
        var path = Write("customers.csv",
            "customer_id,birth_date,loyalty_points,vip,interests,registered_at\n" +
            "c1,1990-01-01,10,true,tea,2020-01-01\n" +
            ",1990-01-01,10,true,tea,\n" +
            "c3,1990-13-01,10,true,tea,\n" +
            "c4,1990-01-01,ten,true,tea,\n" +
            "c5,1990-01-01,10,maybe,tea,\n" +
            "c6,1990-01-01,10,true,tea||wine,\n" +
            "c1,1991-01-01,11,false,wine,\n" +
            "c8,1990-01-01,10,true,\"tea\n" +
            "and more\",\n" +
            "c9,1850-01-01,10,true,tea,\n" +
            "c10,1990-01-01,10,true,tea,2024-02-30T10:00:00Z\n" +
            "c11,1990-01-01\n" +
            "c12,,,,,\n");
        var (records, _) = Read(path);

        var rejections = records.Where(r => r.Customer is null).Select(r => (r.Line, r.Reason!)).ToList();
        Assert.Collection(rejections,
            r => Assert.Equal((3L, "missing customer_id"), r),
            r => Assert.Equal((4L, "birth_date: '1990-13-01' is not a date (yyyy-MM-dd)"), r),
            r => Assert.Equal((5L, "loyalty_points: 'ten' is not a number"), r),
            r => Assert.Equal((6L, "vip: 'maybe' is not a bool (true or false)"), r),
            r => Assert.Equal((7L, "interests: item 2 of the list 'tea||wine' is empty"), r),
            r => Assert.Equal((8L, "duplicate customer_id 'c1' (first on line 2)"), r),
            r => Assert.Equal((11L, "impossible birth date 1850-01-01"), r),
            r => Assert.Equal((12L, "registered_at: '2024-02-30T10:00:00Z' is not an ISO-8601 instant"), r),
            r => Assert.Equal((13L, "the number of fields differs from the header"), r));
        Assert.Equal(["c1", "c8", "c12"], records.Where(r => r.Customer is not null).Select(r => r.Customer!.Id));
        Assert.Equal(9, records.Single(r => r.Customer?.Id == "c8").Line);
        Assert.Equal(new object[] { "tea\nand more" }, (object?[])records.Single(r => r.Customer?.Id == "c8").Customer!.Attributes["interests"]!);
    }

    [Fact]
    public void Bad_json_lines_are_rejected_with_line_number()
    {
        var path = Write("customers.jsonl",
            "{\"customer_id\": \"c1\"}\n" +
            "{\"customer_id\": \"c2\",\n" +
            "[1, 2]\n" +
            "{\"customer_id\": true}\n" +
            "{\"customer_id\": \"c5\", \"vip\": \"yes please\"}\n" +
            "{\"customer_id\": \"c6\", \"interests\": [\"tea\", [\"nested\"]]}\n" +
            "{\"customer_id\": \"c7\", \"loyalty_points\": {\"x\": 1}}\n" +
            "{\"customer_id\": \"c8\", \"customer_id\": \"c9\"}\n");
        var (records, _) = Read(path);

        Assert.Equal("c1", records[0].Customer!.Id);
        var reasons = records.Skip(1).Select(r => (r.Line, r.Reason!)).ToList();
        Assert.Equal(2, reasons[0].Line);
        Assert.StartsWith("not valid JSON", reasons[0].Item2);
        Assert.Equal((3L, "expected a JSON object, found Array"), reasons[1]);
        Assert.Equal((4L, "customer_id must be a string or a number, not a JSON true"), reasons[2]);
        Assert.Equal((5L, "vip: 'yes please' is not a bool (true or false)"), reasons[3]);
        Assert.Equal((6L, "interests: item 2 of the list is a JSON array, not a string"), reasons[4]);
        Assert.Equal((7L, "loyalty_points: expected a number, found a JSON object"), reasons[5]);
        Assert.Equal((8L, "field 'customer_id' appears more than once"), reasons[6]);
    }

    [Fact]
    public void Unknown_columns_are_warned_about_once_and_ignored()
    {
        var csv = Write("customers.csv", "customer_id,wechat_openid,age,id\nc1,o-1,30,x\nc2,o-2,31,y\n");
        var (records, warnings) = Read(csv);
        Assert.Equal(2, records.Count(r => r.Customer is not null));
        Assert.Equal(3, warnings.Count);
        Assert.Contains(warnings, w => w.StartsWith("customers.csv(1): warning: column 'wechat_openid' ignored: the catalog declares no such customer attribute", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("'age' ignored: customer.age is derived from birth_date", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("'id' ignored: the customer id column is named customer_id", StringComparison.Ordinal));
        Assert.Empty(records[0].Customer!.Attributes);

        var jsonl = Write("customers.jsonl", "{\"customer_id\": \"c1\"}\n{\"customer_id\": \"c2\", \"shoe_size\": 38}\n{\"customer_id\": \"c3\", \"shoe_size\": 39}\n");
        var (_, jsonWarnings) = Read(jsonl);
        Assert.Equal(["customers.jsonl(2): warning: field 'shoe_size' ignored: the catalog declares no such customer attribute (declare it with 'attribute shoe_size : <type>')"], jsonWarnings);
    }

    [Fact]
    public void Score_columns_of_declared_scores_are_numbers_kept_for_the_engine()
    {
        var (records, warnings) = Read(Write("scores.csv", "customer_id,score.churn,score.clv\nc1,0.82,100\nc2,,1\nc3,high,1\n"));

        Assert.Equal(["scores.csv(1): warning: column 'score.clv' ignored: the catalog declares no score 'clv' (declare it with 'score clv')"], warnings);
        Assert.Equal(0.82m, records[0].Customer!.Attributes["score.churn"]);
        Assert.Empty(records[1].Customer!.Attributes);
        Assert.Equal((4L, "score.churn: 'high' is not a number"), (records[2].Line, records[2].Reason));
        var scores = new Dictionary<string, decimal>();
        new CustomerColumnScores().AddScores(records[0].Customer!, [], DateTimeOffset.UnixEpoch, scores);
        Assert.Equal(new Dictionary<string, decimal> { ["churn"] = 0.82m }, scores);
    }

    [Fact]
    public void A_file_that_cannot_be_read_at_all_throws_a_clear_message()
    {
        Assert.Contains("missing required column customer_id", Assert.Throws<CustomerFileException>(() => Read(Write("a.csv", "id,name\n1,x\n"))).Message);
        Assert.Contains("empty file", Assert.Throws<CustomerFileException>(() => Read(Write("b.csv", ""))).Message);
        Assert.Contains("column 'name' appears more than once", Assert.Throws<CustomerFileException>(() => Read(Write("c.csv", "customer_id,name,Name\n"))).Message);
        Assert.Contains("unknown customer file extension '.xlsx'", Assert.Throws<CustomerFileException>(() => Read(Write("d.xlsx", "customer_id\n"))).Message);
        Assert.Contains("file not found", Assert.Throws<CustomerFileException>(() => Read(Path.Combine(_dir, "missing.csv"))).Message);
    }

    [Theory]
    [InlineData("90d", 90 * 24 * 60)]
    [InlineData("2w", 14 * 24 * 60)]
    [InlineData("1.5h", 90)]
    [InlineData("45m", 45)]
    [InlineData("PT30M", 30)]
    [InlineData("P1DT1H", 25 * 60)]
    public void Durations_take_the_language_spelling_and_iso_8601(string text, int minutes)
    {
        Assert.True(TypedValueParser.TryParse(text, TagType.Duration, out var value, out var error), error);
        Assert.Equal(TimeSpan.FromMinutes(minutes), value);
    }

    [Theory]
    [InlineData("number", "1,000")]
    [InlineData("number", "NaN")]
    [InlineData("date", "2024-02-30")]
    [InlineData("date", "30/01/2024")]
    [InlineData("instant", "yesterday")]
    [InlineData("duration", "90 days")]
    [InlineData("bool", "yes")]
    [InlineData("list<number>", "1|x")]
    public void Text_that_does_not_fit_the_type_is_an_error_not_a_null(string type, string text)
    {
        Assert.True(TagType.TryParse(type, out var tagType));
        Assert.False(TypedValueParser.TryParse(text, tagType!, out _, out var error));
        Assert.Contains(text.Split('|')[^1], error);
    }

    // The run command's output spellings read back, by the same rules, as the same values: tag output can feed
    // another run as attributes.
    private static readonly Gen<(TagType Type, Value Value)> ScalarValues = Gen.OneOf(
        ArbMap.Default.GeneratorFor<bool>().Select(b => (TagType.Bool, Value.FromBool(b))),
        ArbMap.Default.GeneratorFor<decimal>().Select(d => (TagType.Number, Value.FromNumber(d))),
        ArbMap.Default.GeneratorFor<NonEmptyString>().Select(s => s.Get.Trim()).Where(s => s.Length > 0)
            .Select(s => (TagType.String, Value.FromString(s))),
        Gen.Choose(0, 2_000_000_000).Select(s => (TagType.Instant, Value.FromInstant(DateTimeOffset.UnixEpoch.AddSeconds(s)))),
        Gen.Choose(1, 3_000_000).Select(d => (TagType.Date, Value.FromDate(DateOnly.FromDayNumber(d)))),
        Gen.Choose(1, 1_000_000).Select(m => (TagType.Duration, Value.FromDuration(TimeSpan.FromMinutes(m)))));

    [Property(MaxTest = 300)]
    public Property Written_tag_values_read_back_as_the_same_value() =>
        Prop.ForAll(ScalarValues.ToArbitrary(), input =>
        {
            var text = TagValueText.ToText(input.Value);
            return TypedValueParser.TryParse(text, input.Type, out var parsed, out _) && Value.FromObject(parsed, input.Type) == input.Value;
        });

    [Property(MaxTest = 200)]
    public Property Lists_written_as_a_bar_separated_cell_read_back_the_same() =>
        Prop.ForAll(Gen.Choose(-100_000, 100_000).Select(n => n / 100m).ArrayOf().Where(a => a.Length > 0).ToArbitrary(), numbers =>
        {
            var list = Value.FromList([.. numbers.Select(Value.FromNumber)]);
            var type = TagType.ListOf(TagType.Number);
            return TypedValueParser.TryParse(TagValueText.ToText(list), type, out var parsed, out _)
                && Value.FromObject(parsed, type) == list
                && TypedValueParser.TryParse("[" + string.Join(",", numbers.Select(n => n.ToString(CultureInfo.InvariantCulture))) + "]", type, out var json, out _)
                && Value.FromObject(json, type) == list;
        });
}
