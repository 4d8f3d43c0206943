using RetailTagging.Language.Binding;

namespace RetailTagging.Language.Optimization;

/// <summary>
/// A static upper bound on the work one evaluation does, in abstract units: one per operator or
/// value, a few per function, and for an aggregate its filter's cost for each of an assumed
/// <see cref="AssumedEventsPerCustomer"/> events. Compilation rejects expressions above the limit.
/// </summary>
internal static class CostEstimator
{
    public const int AssumedEventsPerCustomer = 50;

    public static long Estimate(BoundExpr expr) => expr switch
    {
        BoundLiteral or BoundAttribute or BoundEventField or BoundTagReference or BoundScore => 1,
        BoundList list => 1 + list.Items.Sum(Estimate),
        BoundDateToInstant convert => 2 + Estimate(convert.Operand),
        BoundUnary unary => 1 + Estimate(unary.Operand),
        BoundBinary binary => 1 + Estimate(binary.Left) + Estimate(binary.Right),
        BoundBetween between => 2 + Estimate(between.Value) + Estimate(between.Low) + Estimate(between.High),
        BoundIn @in => 2 + Estimate(@in.Value) + Estimate(@in.List),
        BoundIsNull isNull => 1 + Estimate(isNull.Value),
        BoundCase @case => 1 + @case.Branches.Sum(b => Estimate(b.Condition) + Estimate(b.Result)) + Estimate(@case.Else),
        BoundCall call => 3 + call.Arguments.Sum(Estimate),
        BoundAggregate aggregate => AssumedEventsPerCustomer * (2 + (aggregate.Spec.Filter is null ? 0 : Estimate(aggregate.Spec.Filter))),
        _ => 1,
    };
}
