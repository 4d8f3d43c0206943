using RetailTagging.Cli;
using Xunit;

namespace RetailTagging.Cli.Tests;

public sealed class IdentityCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("retail-tags-identity-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string FilePath(string name) => Path.Combine(_dir.FullName, name);

    private (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApplication.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static Dictionary<string, string> ReadAssignments(string path) =>
        File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).ToDictionary(p => p[0], p => p[1]);

    [Fact]
    public void Csv_records_are_resolved_and_bad_rows_reported_with_their_line_and_skipped()
    {
        File.WriteAllText(FilePath("records.csv"), """
            record_id,source,created_at,phone,email,member_id,name,city
            pos:1,pos,2025-01-01T00:00:00Z,138 1234 5678,,M1,王伟,上海
            online:7,online,2025-02-01T00:00:00Z,+86-138-1234-5678,w@qq.com,,王伟,
            mini:3,mini_program,2025-03-01T00:00:00Z,,W@QQ.COM,,,
            ,pos,2025-01-01,13900001111,,,,
            desk:9,service_desk,not-a-date,13900001111,,,,
            pos:1,pos,2025-01-01,13900001111,,,,
            desk:2,service_desk,2025-04-01T00:00:00Z,13800000000,test@test.com,,李娜,
            desk:3,service_desk,2025-04-02T00:00:00Z,13800000000,,,李娜,
            """);
        var (exit, stdout, stderr) = Run("identity", "--records", FilePath("records.csv"), "--out", FilePath("out.csv"));

        Assert.Equal(0, exit);
        Assert.Contains("records.csv(5): error: record_id is missing; row skipped", stderr);
        Assert.Contains("records.csv(6): error: created_at 'not-a-date' is not an ISO 8601 date/time", stderr);
        Assert.Contains("records.csv(7): error: record_id 'pos:1' appears more than once", stderr);
        Assert.Contains("5 record(s) read, 3 row(s) skipped, 3 customer(s)", stdout);
        Assert.Contains("blocked", stdout);

        var assignments = ReadAssignments(FilePath("out.csv"));
        Assert.Equal(5, assignments.Count);
        Assert.Equal("cust:pos:1", assignments["online:7"]);
        Assert.Equal("cust:pos:1", assignments["mini:3"]);
        // The placeholder phone and e-mail link nobody.
        Assert.NotEqual(assignments["desk:2"], assignments["desk:3"]);
        Assert.True(File.Exists(FilePath("out.csv.review.csv")));
        Assert.StartsWith("review_id,kind,left_record_id", File.ReadAllText(FilePath("out.csv.review.csv")));
    }

    [Fact]
    public void Jsonl_records_with_nested_or_flat_fields_and_a_config_file()
    {
        File.WriteAllLines(FilePath("records.jsonl"),
        [
            """{"record_id":"a","source":"pos","identifiers":{"phone":["13812345678","13900001111"]},"attributes":{"name":"王伟"}}""",
            """{"record_id":"b","source":"online","loyalty_app":"AB-12","phone":"139 0000 1111","name":"王伟"}""",
            """{"record_id":"c","source":"online","loyalty_app":"ab12"}""",
            """{"record_id":"d","source":"pos" """,
            """["not","an","object"]""",
            "",
        ]);
        File.WriteAllText(FilePath("config.json"), """
            {
              // JSON with comments is fine
              "rules": [
                { "name": "same_loyalty_app", "fields": ["loyalty_app"], "priority": 1 },
                { "name": "same_phone_and_name", "fields": ["phone", "name"], "priority": 2 }
              ],
              "customIdentifierTypes": { "loyalty_app": { "removeSeparators": true } },
              "survivorship": { "default": "SourcePriority" },
              "fuzzy": { "enabled": false }
            }
            """);
        var (exit, stdout, stderr) = Run("identity", "--records", FilePath("records.jsonl"), "--config", FilePath("config.json"), "--out", FilePath("out.csv"), "--review", FilePath("review.csv"));

        Assert.Equal(0, exit);
        Assert.Contains("records.jsonl(4): error: not valid JSON", stderr);
        Assert.Contains("records.jsonl(5): error: a line must be a JSON object", stderr);
        Assert.Contains("3 record(s) read, 2 row(s) skipped, 1 customer(s)", stdout);
        Assert.All(ReadAssignments(FilePath("out.csv")).Values, v => Assert.Equal("cust:a", v));
        Assert.True(File.Exists(FilePath("review.csv")));
    }

    [Fact]
    public void Review_queue_lists_limit_conflicts_with_both_customers()
    {
        File.WriteAllText(FilePath("records.csv"), """
            record_id,source,phone,member_id,name
            a,pos,13812345678,M1,王伟
            b,pos,13812345678,M2,王伟
            """);
        var (exit, _, _) = Run("identity", "--records", FilePath("records.csv"), "--out", FilePath("out.csv"));
        Assert.Equal(0, exit);
        var review = File.ReadAllLines(FilePath("out.csv.review.csv"));
        Assert.Equal(2, review.Length);
        Assert.Contains("LimitConflict,a,cust:a,b,cust:b", review[1]);
    }

    [Fact]
    public void Unusable_inputs_exit_1_with_a_message_and_never_crash()
    {
        var missing = Run("identity", "--records", FilePath("nope.csv"), "--out", FilePath("out.csv"));
        Assert.Equal(1, missing.Exit);
        Assert.Contains("file not found", missing.Err);

        File.WriteAllText(FilePath("records.csv"), "record_id,source\na,pos\n");
        File.WriteAllText(FilePath("bad.json"), """{ "fuzzy": { "reviewThreshold": 0.99, "autoMergeThreshold": 0.5 } }""");
        var badConfig = Run("identity", "--records", FilePath("records.csv"), "--config", FilePath("bad.json"), "--out", FilePath("out.csv"));
        Assert.Equal(1, badConfig.Exit);
        Assert.Contains("bad.json: error:", badConfig.Err);
        Assert.Contains("ReviewThreshold", badConfig.Err);

        File.WriteAllText(FilePath("broken.json"), "{ not json");
        var broken = Run("identity", "--records", FilePath("records.csv"), "--config", FilePath("broken.json"), "--out", FilePath("out.csv"));
        Assert.Equal(1, broken.Exit);
        Assert.Contains("cannot read the configuration", broken.Err);

        File.WriteAllText(FilePath("noheader.csv"), "id,system\n1,pos\n");
        var noHeader = Run("identity", "--records", FilePath("noheader.csv"), "--out", FilePath("out.csv"));
        Assert.Equal(0, noHeader.Exit);
        Assert.Contains("noheader.csv(1): error: the header has no 'record_id' column", noHeader.Err);
    }
}
