using System.Text.RegularExpressions;
using RetailTagging.Cli.Tests.Demo;
using Xunit;

namespace RetailTagging.Cli.Tests.Report;

[Collection(DemoDatabaseCollection.Name)]
public sealed class ReportCommandTests(DemoDatabaseFixture demo)
{
    private static (int Exit, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApplication.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string Report(string name)
    {
        var path = Path.Combine(demo.Directory, name);
        var (exit, output, error) = Run("report", "--db", demo.DatabasePath, "--out", path);
        Assert.True(exit == 0, error + output);
        return File.ReadAllText(path);
    }

    [Fact]
    public void The_report_is_one_self_contained_page()
    {
        var html = Report("self-contained.html");
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotMatch(@"(?i)\b(src|href)\s*=\s*[""']?\s*(https?:)?//", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotMatch(@"(?i)<link\b|@import|url\(", html);
        Assert.Matches(@"(?s)<style>.+</style>", html);
        Assert.Matches(@"(?s)<script>.+</script>", html);
        foreach (var id in new[] { "dimensions", "rfm", "segments", "triggers", "changes" })
            Assert.Contains($"<section id=\"{id}\"", html);
    }

    [Fact]
    public void The_same_database_gives_the_same_bytes()
    {
        Assert.Equal(Report("first.html"), Report("second.html"));
    }

    [Fact]
    public void The_charts_have_one_mark_per_figure_in_the_database()
    {
        var html = Report("counts.html");
        var expected = ReportExpectations.From(demo);
        int Count(string pattern) => Regex.Matches(html, pattern).Count;

        Assert.Equal(expected.HeatmapCells, Count("<rect class=\"cell\""));
        Assert.Equal(expected.HeatmapCustomers, Regex.Matches(html, "<rect class=\"cell\"[^>]* data-value=\"(\\d+)\"").Sum(m => long.Parse(m.Groups[1].Value)));
        foreach (var (dimension, bars) in expected.BarsPerDimension)
        {
            var figure = Regex.Match(html, $"(?s)<figure class=\"dimension\" data-dimension=\"{dimension}\">(.*?)</figure>").Groups[1].Value;
            Assert.Equal(bars, Regex.Matches(figure, "<rect class=\"bar tag\"").Count);
        }
        Assert.Equal(expected.BarsPerDimension.Count, Count("<figure class=\"dimension\""));
        Assert.Equal(expected.Segments, Count("<rect class=\"bar segment\""));
        Assert.Equal(expected.Triggers, Count("<rect class=\"bar fired\""));
        Assert.Equal(expected.ChangeDays, Count("<g class=\"column\""));
        Assert.Equal(expected.ChangeSegments, Count("<rect class=\"seg\""));
    }

    [Fact]
    public void A_missing_database_is_a_message_and_exit_1()
    {
        var (exit, _, error) = Run("report", "--db", Path.Combine(demo.Directory, "nothing.db"), "--out", Path.Combine(demo.Directory, "x.html"));
        Assert.Equal(1, exit);
        Assert.Contains("file not found", error);
        Assert.False(File.Exists(Path.Combine(demo.Directory, "x.html")));
    }

    [Fact]
    public void A_file_that_is_not_a_retailtagging_database_is_a_message_and_exit_1()
    {
        var junk = Path.Combine(demo.Directory, "junk.db");
        File.WriteAllText(junk, "this is not a database, just text long enough to fill a header page of sqlite .......");
        var (exit, _, error) = Run("report", "--db", junk, "--out", Path.Combine(demo.Directory, "y.html"));
        Assert.Equal(1, exit);
        Assert.Contains("not a RetailTagging database", error);
        Assert.False(File.Exists(Path.Combine(demo.Directory, "y.html")));
    }
}
