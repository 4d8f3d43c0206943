using System.Text;
using RetailTagging.Language.Ast;

namespace RetailTagging.Language.Syntax;

/// <summary>
/// Prints an expression tree as canonical source, with only the parentheses precedence needs.
/// Parsing the output gives back an equal tree (a property test holds us to that).
/// </summary>
internal static class ExpressionPrinter
{
    // Precedence levels: the lowest binds loosest.
    private const int OrLevel = 1, AndLevel = 2, NotLevel = 3, CompareLevel = 4, AddLevel = 5, MultiplyLevel = 6, UnaryLevel = 7, Primary = 8;

    public static string Print(Expr expr)
    {
        var builder = new StringBuilder();
        Write(builder, expr, 0);
        return builder.ToString();
    }

    private static int Level(Expr expr) => expr switch
    {
        BinaryExpr b => Level(b.Operator),
        UnaryExpr { Operator: UnaryOperator.Not } => NotLevel,
        UnaryExpr => UnaryLevel,
        BetweenExpr or InExpr or IsNullExpr => CompareLevel,
        // "-5" is a negative literal, but it is written with a prefix minus like a negation.
        LiteralExpr { Value: { Kind: TypeKind.Number, AsNumber: < 0 } or { Kind: TypeKind.Duration, AsDuration.Ticks: < 0 } } => UnaryLevel,
        _ => Primary,
    };

    private static int Level(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => OrLevel,
        BinaryOperator.And => AndLevel,
        BinaryOperator.Add or BinaryOperator.Subtract => AddLevel,
        BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Modulo => MultiplyLevel,
        _ => CompareLevel,
    };

    private static void Write(StringBuilder builder, Expr expr, int minimumLevel)
    {
        var parenthesize = Level(expr) < minimumLevel;
        if (parenthesize) builder.Append('(');
        WriteBare(builder, expr);
        if (parenthesize) builder.Append(')');
    }

    private static void WriteBare(StringBuilder builder, Expr expr)
    {
        switch (expr)
        {
            case LiteralExpr literal:
                builder.Append(literal.Value.ToString());
                break;
            case ListExpr list:
                builder.Append('[');
                WriteList(builder, list.Items);
                builder.Append(']');
                break;
            case NameExpr name:
                builder.Append(name.Name);
                break;
            case MemberExpr member:
                builder.Append(member.Target).Append('.').Append(member.Member);
                break;
            case TagReferenceExpr reference:
                builder.Append('@').Append(reference.Tag);
                break;
            case UnaryExpr { Operator: UnaryOperator.Not } not:
                builder.Append("not ");
                Write(builder, not.Operand, NotLevel);
                break;
            case UnaryExpr negate:
                builder.Append('-');
                // "-5" reads back as the literal -5, so a negated literal keeps its parentheses.
                if (negate.Operand is LiteralExpr || negate.Operand is UnaryExpr { Operator: UnaryOperator.Negate })
                {
                    builder.Append('(');
                    WriteBare(builder, negate.Operand);
                    builder.Append(')');
                }
                else Write(builder, negate.Operand, UnaryLevel);
                break;
            case BinaryExpr binary:
                var level = Level(binary.Operator);
                var isComparison = level == CompareLevel;
                Write(builder, binary.Left, isComparison ? level + 1 : level);
                builder.Append(' ').Append(OperatorText.Of(binary.Operator)).Append(' ');
                Write(builder, binary.Right, level + 1);
                break;
            case BetweenExpr between:
                Write(builder, between.Value, AddLevel);
                builder.Append(between.Negated ? " not between " : " between ");
                Write(builder, between.Low, AddLevel);
                builder.Append(" and ");
                Write(builder, between.High, AddLevel);
                break;
            case InExpr @in:
                Write(builder, @in.Value, AddLevel);
                builder.Append(@in.Negated ? " not in " : " in ");
                Write(builder, @in.List, Primary);
                break;
            case IsNullExpr isNull:
                Write(builder, isNull.Value, AddLevel);
                builder.Append(isNull.Negated ? " is not null" : " is null");
                break;
            case CaseExpr @case:
                builder.Append("case");
                foreach (var branch in @case.Branches)
                {
                    builder.Append(" when ");
                    Write(builder, branch.Condition, 0);
                    builder.Append(" then ");
                    Write(builder, branch.Result, 0);
                }
                if (@case.Else is not null)
                {
                    builder.Append(" else ");
                    Write(builder, @case.Else, 0);
                }
                builder.Append(" end");
                break;
            case CallExpr call:
                builder.Append(call.Function).Append('(');
                WriteList(builder, call.Arguments);
                builder.Append(')');
                break;
            case AggregateExpr aggregate:
                builder.Append(OperatorText.Of(aggregate.Kind)).Append('(').Append(aggregate.EventType);
                if (aggregate.Property is not null) builder.Append('.').Append(aggregate.Property);
                if (aggregate.Filter is not null)
                {
                    builder.Append(" where ");
                    Write(builder, aggregate.Filter, 0);
                }
                if (!aggregate.Window.IsNull) builder.Append(" within ").Append(aggregate.Window.ToString());
                builder.Append(')');
                break;
            default:
                throw new InvalidOperationException($"Unknown node {expr.GetType().Name}.");
        }
    }

    private static void WriteList(StringBuilder builder, NodeList<Expr> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) builder.Append(", ");
            Write(builder, items[i], 0);
        }
    }
}
