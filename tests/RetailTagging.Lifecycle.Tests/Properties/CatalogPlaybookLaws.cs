using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using RetailTagging.Lifecycle.Tests.Support;

namespace RetailTagging.Lifecycle.Tests.Properties;

/// <summary>
/// The playbook written in the catalog (docs/examples/lifecycle-playbook.tags) and the playbook built in
/// code (<see cref="Playbooks.All"/>) are the same triggers: same definitions, and for any stream of
/// events and dates the same decisions and the same firings at the same instants.
/// </summary>
public sealed class CatalogPlaybookLaws
{
    private static readonly string[] Types = ["sign_up", "cart_add", "checkout", "purchase", "purchase", "complaint"];
    private static readonly DateOnly[] BirthDates = [new(1990, 3, 20), new(1992, 2, 29), new(1985, 1, 2), new(2000, 4, 1)];

    private static LifecycleOptions Options(IEnumerable<TriggerDefinition> triggers)
    {
        var options = new LifecycleOptions
        {
            TimeZone = Harness.Beijing,
            QuietHours = new QuietHours(new TimeOnly(21, 0), new TimeOnly(9, 0)),
            FrequencyCap = new FrequencyCap(3, TimeSpan.FromDays(7)),
        };
        return options.Add([.. triggers]);
    }

    [Fact]
    public void The_catalog_definitions_equal_the_code_definitions()
    {
        var code = Playbooks.All().ToDictionary(d => d.Id);
        var catalog = CatalogTriggers.From(Catalogs.Playbook);
        Assert.Equal(code.Keys.Order(), catalog.Select(d => d.Id).Order());
        foreach (var fromCatalog in catalog)
        {
            var fromCode = code[fromCatalog.Id];
            Assert.Equal(Describe(fromCode), Describe(fromCatalog));
        }
    }

    private static string Describe(TriggerDefinition d)
    {
        var source = d.Source switch
        {
            EventTriggerSource e => $"event {e.Event} when {e.When?.Text}",
            DateTriggerSource date => $"date {date.Attribute} {date.OffsetDays} {date.LocalTime}",
            TagTriggerSource tag => $"tag {tag.Tag} {tag.Transition}",
            _ => "?",
        };
        var properties = string.Join(",", d.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        return $"{d.Id}: {source} after {d.Delay} unless {d.Unless?.Event} within {d.Unless?.Within} do {d.Action} via {string.Join(",", d.Channels)} "
            + $"priority {d.Priority} marketing {d.IsMarketing} quiet {d.RespectsQuietHours} cooldown {d.Cooldown} with {properties}";
    }

    [Property(MaxTest = 120)]
    public Property The_catalog_playbook_fires_exactly_like_the_code_playbook(int[] seeds, int birthSeed)
    {
        var events = seeds.Select((s, i) =>
            {
                var u = Mix((uint)s, (uint)i);
                var type = Types[u % (uint)Types.Length];
                return new CustomerEvent($"e{i}", $"c{u / 7 % 4}", type, Harness.Start.AddMinutes(u / 31 % (60 * 24 * 7)))
                {
                    Amount = 10 + u % 500,
                    Category = type == "purchase" && u / 11 % 2 == 0 ? "formula_milk" : "snacks",
                };
            })
            .OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        var customers = Enumerable.Range(0, 4).Select(i => new Customer($"c{i}") { BirthDate = BirthDates[(int)(((uint)birthSeed + i) % BirthDates.Length)] }).ToList();

        var fromCode = Run(Options(Playbooks.All()), events, customers);
        var fromCatalog = Run(Options(CatalogTriggers.From(Catalogs.Playbook)), events, customers);
        return (fromCode.Decisions.SequenceEqual(fromCatalog.Decisions) && fromCode.Firings.SequenceEqual(fromCatalog.Firings))
            .Label($"code: {fromCode.Firings.Count} firings, {fromCode.Decisions.Count} decisions; catalog: {fromCatalog.Firings.Count} firings, {fromCatalog.Decisions.Count} decisions; "
                + $"first difference: {fromCode.Decisions.Zip(fromCatalog.Decisions).FirstOrDefault(p => p.First != p.Second)}")
            .And(fromCode.Firings.Count > 0 || events.Count < 5).Label("the stream fired something");
    }

    // FsCheck's integers are small; spread them over customers, types and a week of minutes.
    private static uint Mix(uint seed, uint index)
    {
        var u = seed * 2654435761u + index * 40503u;
        u ^= u >> 15;
        u *= 2246822519u;
        return u ^ (u >> 13);
    }

    private static (List<TriggerDecision> Decisions, List<string> Firings) Run(LifecycleOptions options, IReadOnlyList<CustomerEvent> events, IReadOnlyList<Customer> customers)
    {
        var time = new FakeTimeProvider(Harness.Start);
        var sink = new RecordingSink(time);
        var scheduler = new TriggerScheduler(options, sink, timeProvider: time);
        var decisions = new List<TriggerDecision>();
        foreach (var customer in customers) decisions.AddRange(scheduler.ScheduleDates(customer));
        var histories = customers.ToDictionary(c => c.Id, _ => new List<CustomerEvent>());
        foreach (var e in events)
        {
            AdvanceTo(time, scheduler, e.At, decisions);
            var history = histories[e.CustomerId];
            history.Add(e);
            decisions.AddRange(scheduler.OnEventAsync(e, customers.First(c => c.Id == e.CustomerId), history).AsTask().GetAwaiter().GetResult());
        }
        AdvanceTo(time, scheduler, Harness.Start.AddDays(400), decisions);
        var firings = sink.Delivered.Select(f =>
            $"{f.IdempotencyKey} {f.Action} {f.Channel} {f.Priority} {f.CausedAt:O} {f.AttemptedAt:O} {f.Attempt} {string.Join(",", f.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))}").ToList();
        return (decisions, firings);
    }

    private static void AdvanceTo(FakeTimeProvider time, TriggerScheduler scheduler, DateTimeOffset end, List<TriggerDecision> decisions)
    {
        while (scheduler.NextDueAt is { } due && due <= end)
        {
            if (due > time.GetUtcNow()) time.SetUtcNow(due);
            decisions.AddRange(scheduler.AdvanceAsync().AsTask().GetAwaiter().GetResult());
        }
        if (end > time.GetUtcNow()) time.SetUtcNow(end);
        decisions.AddRange(scheduler.AdvanceAsync().AsTask().GetAwaiter().GetResult());
    }
}
