using RetailTagging.Engine;
using static RetailTagging.Core.Tests.Engine.EngineFixture;

namespace RetailTagging.Core.Tests.Engine;

/// <summary>
/// An assignment that did not change is carried over as the previous object (when the previous set
/// had created it: engine-built sets create assignment objects only when read); one whose value is
/// equal but prints differently (a sum of 1.0 becoming 1.00) is a new assignment with the new value.
/// </summary>
public class AssignmentReuseTests
{
    private static readonly TagEngine Engine = new(CompileCatalog("""
        tag buyer = exists(purchase)
        tag spend = sum(purchase.amount within 30d)
        """));

    [Fact]
    public void UnchangedAssignmentsAreCarriedOverAndRepresentationChangesAreNot()
    {
        List<CustomerEvent> events = [Event("p1", "purchase", T.AddDays(-2), 1.0m)];
        var first = Engine.Evaluate(new Customer("c1"), events, T.AddDays(-1)).Tags;
        var buyer = first["buyer"];
        events.Add(Event("p2", "purchase", T.AddHours(-1), 0.00m));
        var second = Engine.Evaluate(new Customer("c1"), events, T, first).Tags;

        Assert.Same(buyer, second["buyer"]);
        Assert.Same(first["buyer"], second["buyer"]);
        Assert.Equal(first["spend"].Value, second["spend"].Value);
        Assert.Equal("1.00", second["spend"].Value.ToString());
        Assert.Equal(first["spend"].AssignedAt, second["spend"].AssignedAt);
    }
}
