using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Cli.Report;
using Xunit;

namespace RetailTagging.Cli.Tests.Report;

public sealed class ChartTests
{
    [Property(MaxTest = 300)]
    public Property Labels_are_escaped_so_data_can_never_inject_markup() =>
        Prop.ForAll(Gen.Elements('<', '>', '&', '"', '\'', '/', 'a', 's', '中', ' ').ArrayOf().Select(c => new string(c)).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), (label, value) =>
        {
            var svg = BarChart.Render([new Bar(label, value)], "#000", 1_000_000, "chart", "tag");
            // Only the chart's own elements: every '<' starts one of the tags the chart writes.
            var tags = Regex.Matches(svg, "<(/?)([a-z]+)").Select(m => m.Groups[2].Value).Distinct();
            return tags.All(t => t is "svg" or "text" or "rect") && !svg.Contains("<script", StringComparison.OrdinalIgnoreCase);
        });

    [Property(MaxTest = 500)]
    public Property The_axis_maximum_is_a_round_number_at_or_above_the_data() => Prop.ForAll(Gen.Choose(1, int.MaxValue).ToArbitrary(), max =>
    {
        var top = ColumnChart.NiceMax(max);
        var power = (long)Math.Pow(10, Math.Floor(Math.Log10(top)));
        return top >= max && top / power is 1 or 2 or 5 && top % power == 0 && top < 10L * max;
    });

    [Fact]
    public void The_heat_map_has_one_cell_per_score_pair_with_its_count()
    {
        var cells = Enumerable.Range(1, 5).SelectMany(r => Enumerable.Range(1, 5).Select(f => new HeatCell(r, f, r * 10 + f, f * 100.0))).ToList();
        var svg = Heatmap.Render(cells, 5);
        var counts = Regex.Matches(svg, "<rect class=\"cell\"[^>]*data-r=\"(\\d)\" data-f=\"(\\d)\" data-value=\"(\\d+)\"")
            .Select(m => (R: int.Parse(m.Groups[1].Value), F: int.Parse(m.Groups[2].Value), N: long.Parse(m.Groups[3].Value))).ToList();
        Assert.Equal(25, counts.Count);
        Assert.All(counts, c => Assert.Equal(c.R * 10 + c.F, c.N));
        // The fullest cell is the darkest and carries white text; the emptiest is pale with dark text.
        Assert.Matches("data-value=\"55\"[^>]*/><text class=\"cell-count\"[^>]*fill=\"#ffffff\"", svg);
        Assert.Matches("data-value=\"11\"[^>]*/><text class=\"cell-count\"[^>]*fill=\"#17324d\"", svg);
    }
}
