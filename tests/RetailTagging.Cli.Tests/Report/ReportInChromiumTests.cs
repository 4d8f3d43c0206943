using RetailTagging.Cli.Tests.Demo;
using Xunit;

namespace RetailTagging.Cli.Tests.Report;

/// <summary>The report in a real browser (headless Chromium): it loads without script errors or network requests, and its charts have the expected marks.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class ReportInChromiumTests(DemoDatabaseFixture demo)
{
    [Fact]
    public async Task The_report_loads_in_chromium_without_errors_and_with_the_expected_charts()
    {
        HeadlessChromium.RequireInstalled();
        var path = Path.Combine(demo.Directory, "chromium.html");
        Assert.Equal(0, CliApplication.Run(["report", "--db", demo.DatabasePath, "--out", path], new StringWriter(), new StringWriter()));
        var url = new Uri(path).AbsoluteUri;
        var expected = ReportExpectations.From(demo);

        await using var browser = await HeadlessChromium.StartAsync();
        await browser.OpenAsync(url);

        Assert.Empty(browser.Errors);
        Assert.Equal([url], browser.Requests.Distinct());
        // The script ran: it marks the page with the number of elements it gave a tooltip.
        Assert.Equal((await browser.CountAsync("[data-tip]")).ToString(), (string?)await browser.EvaluateAsync("document.documentElement.getAttribute('data-ready')"));
        Assert.Equal(expected.HeatmapCells, await browser.CountAsync("#rfm svg rect.cell"));
        foreach (var (dimension, bars) in expected.BarsPerDimension)
            Assert.Equal(bars, await browser.CountAsync($"#dimensions figure[data-dimension='{dimension}'] svg rect.bar"));
        Assert.Equal(expected.BarsPerDimension.Count, await browser.CountAsync("#dimensions figure"));
        Assert.Equal(expected.Segments, await browser.CountAsync("#segments svg rect.bar"));
        Assert.Equal(expected.Triggers, await browser.CountAsync("#triggers svg rect.bar.fired"));
        Assert.Equal(expected.ChangeDays, await browser.CountAsync("#changes svg g.column"));
        // The charts are laid out (not collapsed to nothing): the heat map is drawn at a real size.
        Assert.True((double)(await browser.EvaluateAsync("document.querySelector('#rfm svg').getBoundingClientRect().width"))! > 200);
        // A tooltip appears on hover.
        await browser.EvaluateAsync("document.querySelector('#rfm rect.cell').dispatchEvent(new MouseEvent('mousemove', {bubbles: true, clientX: 10, clientY: 10}))");
        Assert.StartsWith("R=", (string?)await browser.EvaluateAsync("document.getElementById('tip').textContent"));
        Assert.Empty(browser.Errors);
    }
}
