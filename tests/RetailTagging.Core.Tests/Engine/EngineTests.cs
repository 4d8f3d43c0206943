using RetailTagging.Engine;
using RetailTagging.Language;
using static RetailTagging.Core.Tests.Engine.EngineFixture;

namespace RetailTagging.Core.Tests.Engine;

public class EngineTests
{
    private static readonly Customer Customer = new("c1") { City = "Shanghai" };
    private readonly TagEngine _engine = new(CompileCatalog(), scoreProviders: [new FixedScores(0.9m)]);

    [Fact]
    public void EmptyHistoryHoldsOnlyWhatNeedsNoEvents()
    {
        var result = _engine.Evaluate(Customer, [], T);
        Assert.Equal(["churn_risk", "spend_90d"], result.Tags.Keys.Order());
        Assert.Equal(Value.FromNumber(0), result.Tags["spend_90d"].Value);
        Assert.Equal(TagSource.Model, result.Tags["churn_risk"].Source);
        Assert.Empty(result.Segments);
        // "dormant" reads the clock, so the next local midnight may change it.
        Assert.Equal(new DateTimeOffset(2024, 6, 2, 0, 0, 0, TimeSpan.Zero), result.NextChangeAt);
    }

    [Fact]
    public void ValuedTagsReferencesAndSegments()
    {
        var events = new[] { Event("p1", "purchase", T.AddDays(-2), 300m), Event("p2", "purchase", T.AddDays(-20), 250.50m) };
        var result = _engine.Evaluate(Customer, events, T);
        Assert.True(result.Tags.ContainsKey("big_spender"));
        Assert.Equal(Value.FromString("gold"), result.Tags["tier"].Value);
        Assert.Equal(Value.FromNumber(550.50m), result.Tags["spend_90d"].Value);
        Assert.Equal(["vip"], result.Segments);
        Assert.Equal(CompileCatalog().FindTag("tier")!.Version, result.Tags["tier"].RuleVersion);
    }

    [Fact]
    public void DuplicateEventIdsCountOnce()
    {
        var purchase = Event("p1", "purchase", T.AddDays(-2), 300m);
        var result = _engine.Evaluate(Customer, [purchase, purchase, purchase with { Amount = 999m }], T);
        Assert.Equal(Value.FromNumber(300m), result.Tags["spend_90d"].Value);
    }

    [Fact]
    public void RefundsAreOrdinaryEventsThatRulesSubtract()
    {
        var events = new[] { Event("p1", "purchase", T.AddDays(-2), 600m), Event("r1", "refund", T.AddDays(-1), 150m) };
        var result = _engine.Evaluate(Customer, events, T);
        Assert.False(result.Tags.ContainsKey("big_spender"));
        Assert.Equal(Value.FromString("silver"), result.Tags["tier"].Value);
    }

    [Fact]
    public void EventsAfterTheInstantAreIgnoredAndScheduleTheNextChange()
    {
        var future = Event("p9", "purchase", T.AddHours(5), 10m);
        var result = _engine.Evaluate(Customer, [future], T);
        Assert.False(result.Tags.ContainsKey("buyer"));
        Assert.Equal(T.AddHours(5), result.NextChangeAt);
    }

    [Fact]
    public void TtlKeepsATagUntilItLapses()
    {
        var cart = Event("k1", "cart_add", T.AddMinutes(-30));
        var during = _engine.Evaluate(Customer, [cart], T);
        Assert.True(during.Tags.ContainsKey("cart_abandoner"));
        Assert.Null(during.Tags["cart_abandoner"].ExpiresAt);
        // Two hours later the rule no longer holds (the cart add left its 1h window at T+30m), but the TTL keeps the tag.
        var later = _engine.Evaluate(Customer, [cart], T.AddHours(2), during.Tags);
        var assignment = later.Tags["cart_abandoner"];
        Assert.Equal(T, assignment.AssignedAt);
        Assert.Equal(T.AddMinutes(30).AddHours(72), assignment.ExpiresAt);
        Assert.DoesNotContain(later.Changes, c => c.Tag == "cart_abandoner");
        Assert.True(later.NextChangeAt <= assignment.ExpiresAt);
        var expired = _engine.Evaluate(Customer, [cart], assignment.ExpiresAt!.Value, later.Tags);
        var change = Assert.Single(expired.Changes, c => c.Tag == "cart_abandoner");
        Assert.Equal(TagChangeKind.Expired, change.Kind);
        Assert.Equal("ttl lapsed", change.Reason);
        Assert.True(_engine.Evaluate(Customer, [cart], assignment.ExpiresAt!.Value.AddTicks(-1)).Tags.ContainsKey("cart_abandoner"));
    }

    [Fact]
    public void TtlRunsFromWhenTheRuleStoppedHolding()
    {
        var cart = Event("k1", "cart_add", T.AddHours(-10));
        var result = _engine.Evaluate(Customer, [cart], T);
        var assignment = result.Tags["cart_abandoner"];
        // The rule held from the cart add until the add left its 1h window.
        Assert.Equal(T, assignment.AssignedAt);
        Assert.Equal(cart.At.AddHours(73), assignment.ExpiresAt);
        Assert.True(result.NextChangeAt <= assignment.ExpiresAt);
    }

    [Fact]
    public void TtlRemembersThatTheRuleHeldBeforeACheckout()
    {
        // Read literally, "a cart add and no checkout within 1h" held for the ten minutes between
        // the add and the checkout; the TTL remembers that. docs/engine.md shows how to write the
        // rule so that it waits for the hour to pass.
        var events = new[] { Event("k1", "cart_add", T.AddMinutes(-30)), Event("c1", "checkout", T.AddMinutes(-20)) };
        var result = _engine.Evaluate(Customer, events, T);
        Assert.Equal(T.AddMinutes(-20).AddHours(72), result.Tags["cart_abandoner"].ExpiresAt);
        Assert.False(_engine.Explain(Customer, events, "cart_abandoner", T).Rule.Value.IsTrue);
        Assert.True(RetailTagging.Catalog.CatalogCompiler.TryCompile(
            "tag abandoned ttl 72h = exists(cart_add within 2h) and not exists(cart_add within 1h) and not exists(checkout within 2h)", out var waiting, out _));
        var engine = new TagEngine(waiting!);
        Assert.False(engine.Evaluate(Customer, events, T.AddHours(1)).Tags.ContainsKey("abandoned"));
        var abandoned = engine.Evaluate(Customer, [events[0]], T.AddHours(1));
        Assert.True(abandoned.Tags.ContainsKey("abandoned"));
        // The instant the cart add turns one hour old is scheduled exactly.
        Assert.Equal(T.AddMinutes(30), engine.Evaluate(Customer, [events[0]], T).NextChangeAt);
    }

    [Fact]
    public void ClockRulesChangeAtLocalMidnight()
    {
        var purchase = Event("p1", "purchase", T.AddDays(-30), 10m);
        var result = _engine.Evaluate(Customer, [purchase], T);
        Assert.False(result.Tags.ContainsKey("dormant"));
        Assert.Equal(new DateTimeOffset(2024, 6, 2, 0, 0, 0, TimeSpan.Zero), result.NextChangeAt);
        Assert.True(_engine.Evaluate(Customer, [purchase], result.NextChangeAt!.Value).Tags.ContainsKey("dormant"));
    }

    [Fact]
    public void ApprovedManualDecisionBeatsTheRuleUntilWithdrawn()
    {
        var events = new[] { Event("p1", "purchase", T.AddDays(-1), 1000m) };
        var remove = new ManualTagDecision("c1", "big_spender", ManualAction.Remove, "li.lei", "staff purchase", T.AddDays(-1), requiresReview: true);
        var pending = _engine.Evaluate(Customer, events, T, manualDecisions: [remove]);
        Assert.True(pending.Tags.ContainsKey("big_spender"));

        var approved = remove.Approve("han.mei", T.AddHours(-1));
        var overridden = _engine.Evaluate(Customer, events, T, pending.Tags, [approved]);
        Assert.False(overridden.Tags.ContainsKey("big_spender"));
        // Dependents see the manual decision: the tier falls back to silver.
        Assert.Equal(Value.FromString("silver"), overridden.Tags["tier"].Value);
        Assert.Contains(overridden.Changes, c => c is { Tag: "big_spender", Kind: TagChangeKind.Removed });

        var withdrawn = approved.Withdraw("han.mei", T.AddMinutes(-1));
        Assert.True(_engine.Evaluate(Customer, events, T, overridden.Tags, [withdrawn]).Tags.ContainsKey("big_spender"));

        var rejected = new ManualTagDecision("c1", "big_spender", ManualAction.Remove, "x", "y", T.AddDays(-1), requiresReview: true).Reject("z", T);
        Assert.True(_engine.Evaluate(Customer, events, T, manualDecisions: [rejected]).Tags.ContainsKey("big_spender"));
        Assert.Throws<InvalidOperationException>(() => rejected.Approve("z", T));
    }

    [Fact]
    public void ManualAssignmentCarriesItsValueAndSource()
    {
        var assign = new ManualTagDecision("c1", "tier", ManualAction.Assign, "li.lei", "key account", T.AddDays(-3), Value.FromString("platinum"));
        var result = _engine.Evaluate(Customer, [], T, manualDecisions: [assign]);
        Assert.Equal(Value.FromString("platinum"), result.Tags["tier"].Value);
        Assert.Equal(TagSource.Manual, result.Tags["tier"].Source);
        Assert.Equal(T.AddDays(-3), result.Tags["tier"].AssignedAt);
    }

    [Fact]
    public void DiffsReportAddedChangedAndRemovedWithVersions()
    {
        var first = _engine.Evaluate(Customer, [Event("p1", "purchase", T.AddDays(-1), 100m)], T);
        Assert.Contains(first.Changes, c => c is { Tag: "tier", Kind: TagChangeKind.Added, Reason: "rule" });
        var second = _engine.Evaluate(Customer, [Event("p1", "purchase", T.AddDays(-1), 100m), Event("p2", "purchase", T, 500m)], T, first.Tags);
        var tier = Assert.Single(second.Changes, c => c.Tag == "tier");
        Assert.Equal(TagChangeKind.ValueChanged, tier.Kind);
        Assert.Equal(Value.FromString("silver"), tier.OldValue);
        Assert.Equal(Value.FromString("gold"), tier.NewValue);
        Assert.Equal(first.Tags["tier"].AssignedAt, second.Tags["buyer"].AssignedAt);
        var third = _engine.Evaluate(Customer, [], T.AddDays(1), second.Tags);
        Assert.Contains(third.Changes, c => c is { Tag: "buyer", Kind: TagChangeKind.Removed, Reason: "rule no longer holds" });
    }

    [Fact]
    public void CatalogChangeGivesTheDiffsItCauses()
    {
        var events = new[] { Event("p1", "purchase", T.AddDays(-1), 300m) };
        var before = _engine.Evaluate(Customer, events, T);
        Assert.True(RetailTagging.Catalog.CatalogCompiler.TryCompile(CatalogText.Replace(">= 500", ">= 200"), out var changed, out _));
        var after = new TagEngine(changed!).Evaluate(Customer, events, T, before.Tags);
        Assert.Contains(after.Changes, c => c is { Tag: "big_spender", Kind: TagChangeKind.Added });
        Assert.NotEqual(CompileCatalog().FindTag("big_spender")!.Version, changed!.FindTag("big_spender")!.Version);
        Assert.Equal(before.Tags["buyer"].RuleVersion, after.Tags["buyer"].RuleVersion);
    }

    [Fact]
    public void ExplainShowsSubExpressionValues()
    {
        var events = new[] { Event("p1", "purchase", T.AddDays(-2), 300m), Event("r1", "refund", T.AddDays(-1), 50m) };
        var explanation = _engine.Explain(Customer, events, "big_spender", T);
        Assert.False(explanation.Assigned);
        var text = explanation.ToString();
        Assert.Contains("sum(purchase.amount within 30d)  =>  300", text);
        Assert.Contains("sum(refund.amount within 30d)  =>  50", text);
        Assert.Contains("1 matching event(s): p1", text);
        Assert.Contains("not held", explanation.Summary);
        Assert.Throws<ArgumentException>(() => _engine.Explain(Customer, events, "nope", T));
    }

    [Fact]
    public void ValidationGivesReasonsInsteadOfThrowing()
    {
        var schema = _engine.Catalog.Schema;
        Assert.Empty(EventValidator.Validate(Event("p1", "purchase", T, 1m), schema));
        Assert.Contains("missing event id", EventValidator.Validate(new CustomerEvent("", "c1", "purchase", T), schema));
        Assert.Contains("unknown event type 'teleport'", EventValidator.Validate(new CustomerEvent("x", "c1", "teleport", T), schema));
        Assert.Contains(EventValidator.Validate(new CustomerEvent("x", "c1", "purchase", new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero)), schema), r => r.StartsWith("impossible instant"));
        Assert.Contains(EventValidator.Validate(Event("x", "purchase", T, -5m), schema), r => r.StartsWith("negative amount"));
        var nan = new CustomerEvent("x", "c1", "purchase", T) { Properties = new Dictionary<string, object?> { ["weight"] = double.NaN } };
        Assert.Contains("property 'weight' is not a finite number", EventValidator.Validate(nan, schema));
        Assert.Contains(EventValidator.Validate(new Customer("c") { BirthDate = new DateOnly(1800, 1, 1) }, schema), r => r.StartsWith("impossible birth date"));
    }

    [Fact]
    public void AFailingScoreProviderLeavesTheScoreMissing()
    {
        var engine = new TagEngine(CompileCatalog(), scoreProviders: [new Throwing()]);
        Assert.False(engine.Evaluate(Customer, [], T).Tags.ContainsKey("churn_risk"));
    }

    [Fact]
    public void AttributeProvidersSupplyDerivedAttributesButTheHostsValuesWin()
    {
        Assert.True(RetailTagging.Catalog.CatalogCompiler.TryCompile("attribute segment : string\ntag champion = customer.segment == \"Champions\"", out var catalog, out _));
        var engine = new TagEngine(catalog!, attributeProviders: [new SegmentProvider()]);
        Assert.True(engine.Evaluate(Customer, [], T).Tags.ContainsKey("champion"));
        var stored = Customer with { Attributes = new Dictionary<string, object?> { ["segment"] = "Lost" } };
        Assert.False(engine.Evaluate(stored, [], T).Tags.ContainsKey("champion"));
        Assert.Contains("\"Champions\"", engine.Explain(Customer, [], "champion", T).ToString());
    }

    private sealed class SegmentProvider : ICustomerAttributeProvider
    {
        public void AddAttributes(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IDictionary<string, object?> attributes) =>
            attributes["segment"] = "Champions";
    }

    private sealed class Throwing : IScoreProvider
    {
        public void AddScores(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IDictionary<string, decimal> scores) =>
            throw new InvalidOperationException("model offline");
    }
}
