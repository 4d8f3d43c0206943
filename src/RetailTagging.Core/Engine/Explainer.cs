using RetailTagging.Language;
using RetailTagging.Language.Ast;
using RetailTagging.Language.Binding;
using RetailTagging.Language.Runtime;

namespace RetailTagging.Engine;

/// <summary>
/// Builds explanation trees: every sub-expression of a bound rule with its value, computed by the
/// interpreter on the frame the engine evaluated (so referenced tags show their effective values).
/// </summary>
internal static class Explainer
{
    private const int MaxListedEvents = 10;

    public static ExplanationNode Explain(BoundExpr expr, EvaluationFrame frame, CustomerEvent? current = null)
    {
        var value = Interpreter.Evaluate(expr, frame, current);
        var children = BoundTree.Children(expr).Select(c => Explain(c, frame, current)).ToList();
        string? note = null;
        if (expr is BoundAggregate aggregate)
        {
            var matching = Interpreter.Matching(aggregate.Spec, frame);
            note = matching.Count == 0 ? "no matching events"
                : $"{matching.Count} matching event(s): {string.Join(", ", matching.Take(MaxListedEvents).Select(m => m.Event.Id))}{(matching.Count > MaxListedEvents ? ", ..." : "")}";
        }
        else if (expr is BoundTagReference reference) note = $"effective value of @{reference.Tag}";
        return new ExplanationNode(Print(expr), value, children, note);
    }


    /// <summary>Source text of a bound node, parenthesizing compound operands.</summary>
    public static string Print(BoundExpr expr) => expr switch
    {
        BoundLiteral literal => literal.Value.ToString(),
        BoundList list => "[" + string.Join(", ", list.Items.Select(Print)) + "]",
        BoundAttribute attribute => "customer." + attribute.Attribute.Name,
        BoundEventField field => field.Property.Name,
        BoundTagReference reference => "@" + reference.Tag,
        BoundScore score => $"score(\"{score.Score}\")",
        BoundDateToInstant convert => Print(convert.Operand),
        BoundUnary { Operator: UnaryOperator.Not } not => "not " + Operand(not.Operand),
        BoundUnary negate => "-" + Operand(negate.Operand),
        BoundBinary binary => $"{Operand(binary.Left)} {OperatorText.Of(binary.Operator)} {Operand(binary.Right)}",
        BoundBetween between => $"{Operand(between.Value)} {(between.Negated ? "not between" : "between")} {Operand(between.Low)} and {Operand(between.High)}",
        BoundIn @in => $"{Operand(@in.Value)} {(@in.Negated ? "not in" : "in")} {Operand(@in.List)}",
        BoundIsNull isNull => $"{Operand(isNull.Value)} {(isNull.Negated ? "is not null" : "is null")}",
        BoundCase @case => "case " + string.Join(" ", @case.Branches.Select(b => $"when {Print(b.Condition)} then {Print(b.Result)}")) + $" else {Print(@case.Else)} end",
        BoundCall call => $"{FunctionSignatures.All.First(s => s.Function == call.Function).Name}({string.Join(", ", call.Arguments.Select(Print))})",
        BoundAggregate aggregate => aggregate.Spec.Key,
        _ => expr.GetType().Name,
    };

    private static string Operand(BoundExpr expr) =>
        expr is BoundBinary or BoundBetween or BoundIn or BoundIsNull or BoundUnary ? $"({Print(expr)})" : Print(expr);
}
