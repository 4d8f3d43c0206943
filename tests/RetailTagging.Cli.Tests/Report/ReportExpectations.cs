using RetailTagging.Cli.Tests.Demo;

namespace RetailTagging.Cli.Tests.Report;

/// <summary>What the report's charts must show, computed from the database with plain SQL (independently of the report's own queries).</summary>
internal sealed record ReportExpectations(
    IReadOnlyDictionary<string, long> BarsPerDimension, long HeatmapCells, long HeatmapCustomers, long Segments, long Triggers, long ChangeDays, long ChangeSegments)
{
    public static ReportExpectations From(DemoDatabaseFixture demo)
    {
        var customers = demo.Scalar("SELECT COUNT(*) FROM rt_customers");
        // Per dimension: the tags held by some but not all customers, at most 8 of them.
        var bars = demo.Query("""
                SELECT d.dimension, COUNT(*) FROM (SELECT DISTINCT name, dimension FROM rt_tag_definitions) d
                JOIN (SELECT tag, COUNT(*) AS n FROM rt_tag_assignments GROUP BY tag) a ON a.tag = d.name
                WHERE a.n < $customers GROUP BY d.dimension
                """.Replace("$customers", customers.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                r => (r.GetString(0), Math.Min(8, r.GetInt64(1))))
            .ToDictionary(p => p.Item1, p => p.Item2);
        return new ReportExpectations(
            bars,
            25,
            demo.Scalar("SELECT COUNT(*) FROM rt_score_snapshots WHERE score = 'r_score'"),
            demo.Scalar("SELECT COUNT(DISTINCT value) FROM rt_tag_assignments WHERE tag = 'rfm_segment'"),
            demo.Scalar("SELECT COUNT(*) FROM (SELECT trigger_id FROM rt_outbox_messages UNION SELECT trigger_id FROM rt_trigger_timers)"),
            demo.Scalar("SELECT COUNT(DISTINCT date(at_utc)) FROM rt_tag_history"),
            demo.Scalar("SELECT COUNT(*) FROM (SELECT DISTINCT date(at_utc), kind FROM rt_tag_history)"));
    }
}
