using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit;

namespace RetailTagging.Cli.Tests;

public sealed class RfmCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rt-rfm-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApplication.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string Path(string name) => System.IO.Path.Combine(_dir, name);

    // Seeded customers with a known buying process (purchase every few days for a while), one row per purchase.
    private string WriteEvents(int customers, int seed = 11)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("event_id,customer_id,type,occurred_at,amount,channel,category\n");
        var start = new DateOnly(2024, 1, 1);
        var id = 0;
        for (var c = 0; c < customers; c++)
        {
            var rate = 0.01 + random.NextDouble() * 0.15;          // purchases per day while active
            var life = (int)(random.NextDouble() * 300);             // active days
            var first = random.Next(0, 90);
            var spend = 20 + random.NextDouble() * 80;
            for (var day = first; day < 365; day++)
            {
                if (day != first && (day - first > life || random.NextDouble() > rate))
                    continue;
                var amount = Math.Round(spend * (0.5 + random.NextDouble()), 2);
                csv.Append(CultureInfo.InvariantCulture,
                    $"e{++id},c{c},purchase,{start.AddDays(day):yyyy-MM-dd}T12:00:00Z,{amount},{(random.Next(2) == 0 ? "online" : "pos")},{(random.Next(3) == 0 ? "toys" : "dairy")}\n");
            }
        }
        var path = Path("events.csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    [Fact]
    public void Prints_segments_and_the_grid_and_writes_the_table()
    {
        var events = WriteEvents(300);
        var table = Path("rfm.csv");
        var svg = Path("grid.svg");
        var (code, output, error) = Run("rfm", "--events", events, "--as-of", "2024-12-31", "--out", table, "--svg", svg);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("300 customers (300 with purchases)", output);
        Assert.Contains("as of 2024-12-31 23:59:59 +00:00", output);
        Assert.Contains("Segments (classic)", output);
        Assert.Contains("Champions", output);
        Assert.Contains("R=5", output);
        var rows = File.ReadAllLines(table);
        Assert.Equal(301, rows.Length);
        Assert.StartsWith("customer_id,r_score,f_score,m_score,fm_score,segment,recency_days,frequency,monetary,top_category", rows[0]);
        Assert.Contains("expected_purchases_90d", rows[0]);
        Assert.StartsWith("<svg", File.ReadAllText(svg));
    }

    [Fact]
    public void Fits_the_models_and_reports_json()
    {
        var events = WriteEvents(1500);
        var (code, output, error) = Run("rfm", "--events", events, "--fit-btyd", "--calibration-end", "2024-09-30",
            "--time-unit", "weeks", "--format", "json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(1500, root.GetProperty("customers").GetInt32());
        Assert.Equal(5, root.GetProperty("scoring").GetProperty("bins").GetInt32());
        Assert.Equal(25, root.GetProperty("grid").GetArrayLength());
        var segmentTotal = root.GetProperty("segments").EnumerateObject().Sum(p => p.Value.GetInt64());
        Assert.Equal(1500, segmentTotal);
        var btyd = root.GetProperty("btyd");
        Assert.Equal("weeks", btyd.GetProperty("timeUnit").GetString());
        var bg = btyd.GetProperty("bgNbd");
        Assert.True(bg.GetProperty("succeeded").GetBoolean());
        foreach (var name in new[] { "r", "alpha", "a", "b" })
            Assert.True(bg.GetProperty("parameters").GetProperty(name).GetDouble() > 0);
        Assert.True(bg.GetProperty("logLikelihood").GetDouble() < 0);
        var gg = btyd.GetProperty("gammaGamma");
        Assert.True(gg.GetProperty("succeeded").GetBoolean());
        Assert.True(gg.GetProperty("parameters").GetProperty("gamma").GetDouble() > 0);
    }

    [Fact]
    public void Text_output_names_the_fitted_parameters()
    {
        var events = WriteEvents(800);
        var (code, output, _) = Run("rfm", "--events", events, "--fit-btyd", "--calibration-end", "2024-09-30");
        Assert.True(code == 0, output);
        foreach (var line in new[] { "BG/NBD:", "  r      =", "  alpha  =", "  a      =", "  b      =", "Gamma-Gamma", "  p      =", "  q      =", "  gamma  =", "log-likelihood =" })
            Assert.Contains(line, output);
    }

    [Fact]
    public void A_failed_fit_is_reported_and_exits_1()
    {
        // Nobody buys twice before the calibration end: BG/NBD cannot be fitted.
        var path = Path("once.csv");
        File.WriteAllText(path, "event_id,customer_id,type,occurred_at,amount\ne1,a,purchase,2024-01-01,10\ne2,b,purchase,2024-01-02,20\ne3,a,purchase,2024-05-01,5\n");
        var (code, output, _) = Run("rfm", "--events", path, "--fit-btyd", "--calibration-end", "2024-02-01");
        Assert.Equal(1, code);
        Assert.Contains("BG/NBD: not fitted: BG/NBD: no customer made a repeat purchase", output);
    }

    [Fact]
    public void Bad_rows_are_warned_with_line_numbers_and_strict_mode_fails()
    {
        var path = Path("mixed.csv");
        File.WriteAllText(path, "event_id,customer_id,type,occurred_at,amount\ne1,a,purchase,2024-01-01,10\ne2,,purchase,2024-01-02,20\ne3,b,purchase,2024-01-03,5\n");
        var (code, output, error) = Run("rfm", "--events", path, "--segments", "retailer");
        Assert.Equal(0, code);
        Assert.Contains("mixed.csv(3): missing customer_id: warning: row skipped", error);
        Assert.Contains("1 rejected rows, 2 customers", output);
        Assert.Contains("Segments (retailer)", output);

        var strict = Run("rfm", "--events", path, "--strict");
        Assert.Equal(1, strict.Code);
        Assert.Contains("mixed.csv(3): missing customer_id", strict.Error);
    }

    [Theory]
    [InlineData("--fit-btyd")]
    [InlineData("--calibration-end", "2024-01-01")]
    [InlineData("--format", "xml")]
    [InlineData("--time-unit", "months")]
    public void Inconsistent_options_are_usage_errors(params string[] extra)
    {
        var events = WriteEvents(5);
        var (code, _, error) = Run(["rfm", "--events", events, .. extra]);
        Assert.NotEqual(0, code);
        Assert.NotEqual("", error);
    }

    [Fact]
    public void Unusable_inputs_exit_1_with_a_message()
    {
        var missing = Run("rfm", "--events", Path("missing.csv"));
        Assert.Equal(1, missing.Code);
        Assert.Contains("file not found", missing.Error);

        var noPurchases = Path("views.jsonl");
        File.WriteAllText(noPurchases, "{\"event_id\":\"1\",\"customer_id\":\"a\",\"type\":\"page_view\",\"occurred_at\":\"2024-01-01\"}\n");
        var views = Run("rfm", "--events", noPurchases);
        Assert.Equal(1, views.Code);
        Assert.Contains("no customer has a valid purchase", views.Error);

        var badDate = Run("rfm", "--events", WriteEvents(3), "--as-of", "31/12/2024");
        Assert.Equal(1, badDate.Code);
        Assert.Contains("--as-of '31/12/2024' is not a date", badDate.Error);

        var bins = Run("rfm", "--events", WriteEvents(3), "--bins", "4");
        Assert.Equal(1, bins.Code);
        Assert.Contains("classic segment map needs 5 bins", bins.Error);
    }

    [Fact]
    public void The_table_can_be_json_lines()
    {
        var table = Path("rfm.jsonl");
        var (code, _, _) = Run("rfm", "--events", WriteEvents(20), "--out", table, "--segments", "none", "--bins", "4");
        Assert.Equal(0, code);
        var lines = File.ReadAllLines(table);
        Assert.Equal(20, lines.Length);
        using var row = JsonDocument.Parse(lines[0]);
        Assert.InRange(row.RootElement.GetProperty("r_score").GetInt32(), 1, 4);
        Assert.Equal(JsonValueKind.Null, row.RootElement.GetProperty("segment").ValueKind);
    }
}
