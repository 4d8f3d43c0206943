using RulesEngine.Models;

namespace RetailTagging.Benchmarks.Suites;

/// <summary>The window bounds RulesEngine rules compare event times with (ours are (asOf - d, asOf]).</summary>
/// <param name="AsOf">The evaluation instant.</param>
public sealed record Windows(DateTimeOffset AsOf)
{
    /// <summary>asOf - 7 days.</summary>
    public DateTimeOffset Since7 { get; } = AsOf - TimeSpan.FromDays(7);
    /// <summary>asOf - 90 days.</summary>
    public DateTimeOffset Since90 { get; } = AsOf - TimeSpan.FromDays(90);
    /// <summary>asOf - 365 days.</summary>
    public DateTimeOffset Since365 { get; } = AsOf - TimeSpan.FromDays(365);
}

/// <summary>
/// The reference catalog's tags that RulesEngine's expression syntax (Dynamic LINQ over the
/// inputs) can state with the same meaning: attribute tests and windowed counts, sums and
/// existence tests over the events. Left out: tag references, valued (case) tags, calendar
/// functions (days_since, birthdays in the business time zone), distinct counts, scores and
/// custom attributes, which would each need host code written for RulesEngine.
/// Inputs: <c>c</c> the customer, <c>ev</c> the events, <c>w</c> the <see cref="Windows"/>.
/// </summary>
public static class RulesEngineSubset
{
    private const string InWindow365 = "e.At > w.Since365 && e.At <= w.AsOf";
    private const string InWindow90 = "e.At > w.Since90 && e.At <= w.AsOf";

    /// <summary>
    /// Tag name in the reference catalog, the rule in our language (tag references of the catalog
    /// inlined, so the subset compiles on its own) and the same rule in RulesEngine's syntax.
    /// </summary>
    public static IReadOnlyList<(string Tag, string Ours, string RulesEngine)> Rules { get; } =
    [
        ("high_spender", "sum(purchase.amount within 365d) - sum(refund.amount within 365d) >= 10000",
            $"ev.Where(e => e.Type == \"purchase\" && {InWindow365}).Sum(e => e.Amount ?? 0) - ev.Where(e => e.Type == \"refund\" && {InWindow365}).Sum(e => e.Amount ?? 0) >= 10000"),
        ("big_ticket_buyer", "exists(purchase where amount >= 3000 within 365d)",
            $"ev.Any(e => e.Type == \"purchase\" && e.Amount >= 3000 && {InWindow365})"),
        ("frequent_buyer", "count(purchase within 90d) >= 6",
            $"ev.Count(e => e.Type == \"purchase\" && {InWindow90}) >= 6"),
        ("repeat_buyer", "count(purchase) >= 2",
            "ev.Count(e => e.Type == \"purchase\" && e.At <= w.AsOf) >= 2"),
        ("one_time_buyer", "count(purchase) == 1",
            "ev.Count(e => e.Type == \"purchase\" && e.At <= w.AsOf) == 1"),
        ("never_bought", "not exists(purchase)",
            "!ev.Any(e => e.Type == \"purchase\" && e.At <= w.AsOf)"),
        ("active_90d", "exists(purchase within 90d)",
            $"ev.Any(e => e.Type == \"purchase\" && {InWindow90})"),
        ("active_365d", "exists(purchase within 365d)",
            $"ev.Any(e => e.Type == \"purchase\" && {InWindow365})"),
        ("baby_family", "count(purchase where category in [\"maternity\", \"baby_food\", \"diapers\"] within 90d) >= 3",
            $"ev.Count(e => e.Type == \"purchase\" && (e.Category == \"maternity\" || e.Category == \"baby_food\" || e.Category == \"diapers\") && {InWindow90}) >= 3"),
        ("pet_owner", "count(purchase where category == \"pet\" within 365d) >= 2",
            $"ev.Count(e => e.Type == \"purchase\" && e.Category == \"pet\" && {InWindow365}) >= 2"),
        ("luxury_buyer", "sum(purchase.amount where category == \"luxury\" within 365d) >= 5000",
            $"ev.Where(e => e.Type == \"purchase\" && e.Category == \"luxury\" && {InWindow365}).Sum(e => e.Amount ?? 0) >= 5000"),
        ("store_shopper", "count(purchase where channel == \"pos\" within 365d) >= 2",
            $"ev.Count(e => e.Type == \"purchase\" && e.Channel == \"pos\" && {InWindow365}) >= 2"),
        ("online_shopper", "count(purchase where channel == \"online\" within 365d) >= 2",
            $"ev.Count(e => e.Type == \"purchase\" && e.Channel == \"online\" && {InWindow365}) >= 2"),
        ("mini_program_shopper", "count(purchase where channel == \"mini_program\" within 365d) >= 2",
            $"ev.Count(e => e.Type == \"purchase\" && e.Channel == \"mini_program\" && {InWindow365}) >= 2"),
        ("coupon_user", "count(coupon_redeem within 365d) >= 2",
            $"ev.Count(e => e.Type == \"coupon_redeem\" && {InWindow365}) >= 2"),
        ("recent_complaint", "exists(complaint within 7d)",
            "ev.Any(e => e.Type == \"complaint\" && e.At > w.Since7 && e.At <= w.AsOf)"),
        ("frequent_contact", "count(service_ticket within 90d) >= 3",
            $"ev.Count(e => e.Type == \"service_ticket\" && {InWindow90}) >= 3"),
        ("female", "customer.gender == \"F\"",
            "c.Gender == \"F\""),
        ("male", "customer.gender == \"M\"",
            "c.Gender == \"M\""),
        ("vip_member", "customer.member_level in [\"gold\", \"platinum\"]",
            "c.MemberLevel == \"gold\" || c.MemberLevel == \"platinum\""),
        ("missing_phone", "customer.phone is null",
            "c.Phone == null"),
        ("missing_email", "customer.email is null",
            "c.Email == null"),
        ("shanghai_over_30", "customer.age > 30 and customer.city == \"Shanghai\"",
            "AgeCalculator.Years(c.BirthDate, w.AsOf) > 30 && c.City == \"Shanghai\""),
    ];

    /// <summary>The subset as one RulesEngine workflow.</summary>
    public static Workflow Workflow(string name = "reference_subset") => new()
    {
        WorkflowName = name,
        Rules = [.. Rules.Select(r => new Rule { RuleName = r.Tag, Expression = r.RulesEngine })],
    };

    /// <summary>The subset as our catalog text, for compiling the same rules with our compiler.</summary>
    public static string OurCatalogText() => string.Join(Environment.NewLine, Rules.Select(r => $"tag {r.Tag} = {r.Ours}"));

    /// <summary>A new engine (nothing compiled yet) with the settings the subset needs.</summary>
    public static RulesEngine.RulesEngine NewEngine() =>
        new([Workflow()], new ReSettings { CustomTypes = [typeof(AgeCalculator)] });
}
