using System.Collections.Immutable;
using RetailTagging.Language.Ast;
using RetailTagging.Language.Binding;
using RetailTagging.Language.Runtime;

namespace RetailTagging.Language.Optimization;

/// <summary>
/// Folds constants and prunes logic that cannot matter. Folding runs the interpreter on constant
/// subtrees, so the simplified tree means exactly what the original meant.
/// </summary>
internal static class Simplifier
{
    private static readonly EvaluationFrame ConstantFrame = new();

    public static BoundExpr Simplify(BoundExpr expr)
    {
        var simplified = expr switch
        {
            BoundList list => list with { Items = [.. list.Items.Select(Simplify)] },
            BoundUnary unary => unary with { Operand = Simplify(unary.Operand) },
            BoundBinary binary => SimplifyBinary(binary with { Left = Simplify(binary.Left), Right = Simplify(binary.Right) }),
            BoundBetween between => between with { Value = Simplify(between.Value), Low = Simplify(between.Low), High = Simplify(between.High) },
            BoundIn @in => @in with { Value = Simplify(@in.Value), List = Simplify(@in.List) },
            BoundIsNull isNull => isNull with { Value = Simplify(isNull.Value) },
            BoundCase @case => SimplifyCase(@case),
            BoundCall call => call with { Arguments = [.. call.Arguments.Select(Simplify)] },
            BoundAggregate aggregate => aggregate,
            _ => expr,
        };
        return IsFoldable(simplified) ? Fold(simplified) : simplified;
    }

    private static bool IsFoldable(BoundExpr expr) => expr switch
    {
        BoundUnary unary => unary.Operand is BoundLiteral,
        BoundBinary binary => binary.Left is BoundLiteral && binary.Right is BoundLiteral,
        BoundBetween between => between.Value is BoundLiteral && between.Low is BoundLiteral && between.High is BoundLiteral,
        BoundIn @in => @in.Value is BoundLiteral && @in.List is BoundLiteral,
        BoundIsNull isNull => isNull.Value is BoundLiteral,
        BoundList list => list.Items.All(i => i is BoundLiteral),
        BoundCall call => call.Function != BuiltinFunction.Now && call.Arguments.All(a => a is BoundLiteral)
            // Calendar functions read the as-of date: they are not constants.
            && call.Function is not (BuiltinFunction.DaysSince or BuiltinFunction.DaysUntilBirthday or BuiltinFunction.AgeYears or BuiltinFunction.DayOfWeek or BuiltinFunction.HourOfDay),
        _ => false,
    };

    private static BoundExpr Fold(BoundExpr expr) =>
        new BoundLiteral(Interpreter.Evaluate(expr, ConstantFrame), expr.Type);

    private static BoundExpr SimplifyBinary(BoundBinary binary)
    {
        if (binary.Operator is not (BinaryOperator.And or BinaryOperator.Or)) return binary;
        // "x and false" is false and "x or true" is true whatever x is (even null);
        // "x and true" and "x or false" are x.
        var absorbing = binary.Operator == BinaryOperator.Or;
        foreach (var (side, other) in new[] { (binary.Left, binary.Right), (binary.Right, binary.Left) })
        {
            if (side is BoundLiteral { Value.Kind: TypeKind.Bool } literal)
                return literal.Value.AsBool == absorbing ? new BoundLiteral(Value.FromBool(absorbing), TagType.Bool) : other;
        }
        return binary;
    }

    private static BoundExpr SimplifyCase(BoundCase @case)
    {
        var branches = ImmutableArray.CreateBuilder<(BoundExpr, BoundExpr)>();
        foreach (var (condition, result) in @case.Branches)
        {
            var c = Simplify(condition);
            var r = Simplify(result);
            if (c is BoundLiteral literal)
            {
                if (!literal.Value.IsTrue) continue;
                // A branch that is always taken ends the case.
                return branches.Count == 0 ? r : @case with { Branches = branches.ToImmutable(), Else = r };
            }
            branches.Add((c, r));
        }
        var @else = Simplify(@case.Else);
        return branches.Count == 0 ? @else : @case with { Branches = branches.ToImmutable(), Else = @else };
    }
}
