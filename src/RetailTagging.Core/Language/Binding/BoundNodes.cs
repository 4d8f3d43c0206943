using System.Collections.Immutable;
using RetailTagging.Language.Ast;

namespace RetailTagging.Language.Binding;

/// <summary>
/// A checked, typed expression: every name is resolved against the schema and every operator
/// knows the types it works on. Both the compiler and the interpreter consume this tree.
/// </summary>
internal abstract record BoundExpr(TagType Type);

internal sealed record BoundLiteral(Value Value, TagType Type) : BoundExpr(Type);

internal sealed record BoundList(ImmutableArray<BoundExpr> Items, TagType Type) : BoundExpr(Type);

/// <summary>A customer attribute (built-in or custom).</summary>
internal sealed record BoundAttribute(AttributeDefinition Attribute) : BoundExpr(Attribute.Type);

/// <summary>A field or property of the event being filtered, inside a where clause.</summary>
internal sealed record BoundEventField(PropertyDefinition Property) : BoundExpr(Property.Type);

internal sealed record BoundTagReference(string Tag, int Index, TagType Type) : BoundExpr(Type);

internal sealed record BoundScore(string Score) : BoundExpr(TagType.Number);

internal sealed record BoundUnary(UnaryOperator Operator, BoundExpr Operand, TagType Type) : BoundExpr(Type);

internal sealed record BoundBinary(BinaryOperator Operator, BoundExpr Left, BoundExpr Right, TagType Type) : BoundExpr(Type);

internal sealed record BoundBetween(BoundExpr Value, BoundExpr Low, BoundExpr High, bool Negated) : BoundExpr(TagType.Bool);

internal sealed record BoundIn(BoundExpr Value, BoundExpr List, bool Negated) : BoundExpr(TagType.Bool);

internal sealed record BoundIsNull(BoundExpr Value, bool Negated) : BoundExpr(TagType.Bool);

internal sealed record BoundCase(ImmutableArray<(BoundExpr Condition, BoundExpr Result)> Branches, BoundExpr Else, TagType Type) : BoundExpr(Type);

internal sealed record BoundCall(BuiltinFunction Function, ImmutableArray<BoundExpr> Arguments, TagType Type) : BoundExpr(Type);

/// <summary>A date widened to the instant of its midnight in the business time zone.</summary>
internal sealed record BoundDateToInstant(BoundExpr Operand) : BoundExpr(TagType.Instant);

/// <summary>An aggregate; its value is computed once per customer in the shared aggregate pass.</summary>
internal sealed record BoundAggregate(AggregateSpec Spec) : BoundExpr(Spec.Type);

/// <summary>
/// One aggregate over the event history. Specs with the same key are the same computation, so
/// tags that share an aggregate share one slot.
/// </summary>
internal sealed record AggregateSpec(
    int Slot,
    string Key,
    AggregateKind Kind,
    string EventType,
    PropertyDefinition? Property,
    BoundExpr? Filter,
    TimeSpan? Window,
    TagType Type);

/// <summary>Structural helpers over bound trees.</summary>
internal static class BoundTree
{
    /// <summary>The direct sub-expressions of a node (an aggregate's filter belongs to its spec, not here).</summary>
    public static IEnumerable<BoundExpr> Children(BoundExpr node) => node switch
    {
        BoundList list => list.Items,
        BoundUnary unary => [unary.Operand],
        BoundBinary binary => [binary.Left, binary.Right],
        BoundBetween between => [between.Value, between.Low, between.High],
        BoundIn @in => [@in.Value, @in.List],
        BoundIsNull isNull => [isNull.Value],
        BoundCase @case => @case.Branches.SelectMany(b => new[] { b.Condition, b.Result }).Append(@case.Else),
        BoundCall call => call.Arguments,
        BoundDateToInstant convert => [convert.Operand],
        _ => [],
    };
}
