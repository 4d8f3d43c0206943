using System.Linq.Expressions;
using RetailTagging.Language;
using RetailTagging.Language.Ast;
using RetailTagging.Language.Binding;

namespace RetailTagging.EntityFrameworkCore.PushDown;

/// <summary>Comparisons, between and in, with the language's null rules: any null operand makes the test null.</summary>
internal sealed partial class PredicateTranslator
{
    private static readonly System.Reflection.MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    private SqlCondition? Comparison(BoundBinary comparison, Expr syntax)
    {
        var parts = syntax as BinaryExpr;
        if (DaysSinceComparison(comparison, parts ?? syntax) is { } rewritten) return rewritten;
        if (GroupedComparison(comparison, parts ?? syntax) is { } grouped) return grouped;
        var left = Value(comparison.Left, parts?.Left ?? syntax);
        var right = Value(comparison.Right, parts?.Right ?? syntax);
        if (left is null || right is null) return null;
        return Compare(comparison.Operator, left, right, syntax, parts?.Left, parts?.Right);
    }

    private SqlCondition? Compare(BinaryOperator op, SqlValue left, SqlValue right, Expr syntax, Expr? leftSyntax = null, Expr? rightSyntax = null)
    {
        if (left.IsNullConstant || right.IsNullConstant) return SqlCondition.Null;
        if (left.EncodedTag is not null || right.EncodedTag is not null)
            return CompareEncoded(op, left, right, (left.EncodedTag is not null ? leftSyntax : rightSyntax) ?? syntax);
        var test = RawCompare(op, left, right);
        return SqlCondition.Guarded([left.NotNullTest, right.NotNullTest], test);
    }

    /// <summary>The comparison of two non-null values.</summary>
    private Expression RawCompare(BinaryOperator op, SqlValue left, SqlValue right)
    {
        var type = op switch
        {
            BinaryOperator.Equal => ExpressionType.Equal,
            BinaryOperator.NotEqual => ExpressionType.NotEqual,
            BinaryOperator.Less => ExpressionType.LessThan,
            BinaryOperator.LessOrEqual => ExpressionType.LessThanOrEqual,
            BinaryOperator.Greater => ExpressionType.GreaterThan,
            _ => ExpressionType.GreaterThanOrEqual,
        };
        if (left.Kind == TypeKind.String && type is not (ExpressionType.Equal or ExpressionType.NotEqual))
        {
            var compare = Expression.Call(StringCompare, _scope.Dialect.Ordinal(left.Expression), _scope.Dialect.Ordinal(right.Expression));
            return Expression.MakeBinary(type, compare, Expression.Constant(0));
        }
        var (l, r) = left.Kind == TypeKind.Number ? UnifyNumbers(left, right) : (left.Expression, right.Expression);
        if (left.Kind == TypeKind.Number && l.Type == typeof(decimal?) && _scope.Dialect.NumberEqualityByOrder && type is ExpressionType.Equal or ExpressionType.NotEqual)
        {
            var equal = Expression.AndAlso(Expression.Not(Expression.LessThan(l, r)), Expression.Not(Expression.GreaterThan(l, r)));
            return type == ExpressionType.Equal ? equal : Expression.Not(equal);
        }
        return Expression.MakeBinary(type, l, r);
    }

    /// <summary>Counts and ages stay integers against whole-number constants (cheap, index-friendly SQL); otherwise both sides are decimals.</summary>
    private static (Expression Left, Expression Right) UnifyNumbers(SqlValue left, SqlValue right)
    {
        var leftInt = left.Expression.Type == typeof(int?);
        var rightInt = right.Expression.Type == typeof(int?);
        if (leftInt == rightInt) return (left.Expression, right.Expression);
        var (whole, other) = leftInt ? (left, right) : (right, left);
        Expression otherSide = other.Constant?.AsNumber is { } n && decimal.Truncate(n) == n && n is >= int.MinValue and <= int.MaxValue
            ? QueryParameter<int?>.Of((int)n)
            : Decimal(other);
        var wholeSide = otherSide.Type == typeof(int?) ? whole.Expression : Decimal(whole);
        return leftInt ? (wholeSide, otherSide) : (otherSide, wholeSide);
    }

    /// <summary>A valued tag kept as its stored literal text: equality with a constant compares texts, which the language writes canonically.</summary>
    private SqlCondition? CompareEncoded(BinaryOperator op, SqlValue left, SqlValue right, Expr tagSyntax)
    {
        var (tag, other) = left.EncodedTag is not null ? (left, right) : (right, left);
        if (op is not (BinaryOperator.Equal or BinaryOperator.NotEqual) || other.Constant is not { } constant)
            return Problem<SqlCondition>(tagSyntax, "@" + tag.EncodedTag,
                $"a {tag.Kind} tag's stored value is compared in SQL only for equality with a constant, 'in' a constant list, or 'is null'");
        // EXISTS with the value in the same index lookup, rather than a scalar subquery per customer.
        var name = tag.EncodedTag!;
        var equal = QueryableCalls.Any(Assignments(name, constant.ToString()));
        var condition = new SqlCondition(equal, SqlCondition.And(QueryableCalls.Any(Assignments(name, requiredValue: null)), SqlCondition.Not(equal)));
        return op == BinaryOperator.Equal ? condition : condition.Negate();
    }

    private SqlCondition? Between(BoundBetween between, Expr syntax)
    {
        var parts = syntax as BetweenExpr;
        var value = Value(between.Value, parts?.Value ?? syntax);
        var low = Value(between.Low, parts?.Low ?? syntax);
        var high = Value(between.High, parts?.High ?? syntax);
        if (value is null || low is null || high is null) return null;
        if (value.IsNullConstant || low.IsNullConstant || high.IsNullConstant) return SqlCondition.Null;
        if (value.EncodedTag is not null)
            return Problem<SqlCondition>(parts?.Value ?? syntax, "@" + value.EncodedTag, $"a {value.Kind} tag's stored value is not ordered in SQL");
        var test = Expression.AndAlso(RawCompare(BinaryOperator.LessOrEqual, low, value), RawCompare(BinaryOperator.LessOrEqual, value, high));
        var condition = SqlCondition.Guarded([value.NotNullTest, low.NotNullTest, high.NotNullTest], test);
        return between.Negated ? condition.Negate() : condition;
    }

    private SqlCondition? In(BoundIn @in, Expr syntax)
    {
        var parts = syntax as InExpr;
        var value = Value(@in.Value, parts?.Value ?? syntax);
        var listSyntax = parts?.List ?? syntax;
        List<SqlValue?> items;
        if (_constants.IsConstant(@in.List))
        {
            var list = _constants.Evaluate(@in.List);
            if (list.IsNull) return value is null ? null : SqlCondition.Null;
            var element = @in.List.Type.Element ?? TagType.Null;
            items = [.. list.AsList.Select(v => ConstantFolder.ToSql(v, element))];
        }
        else if (@in.List is BoundList literal)
        {
            var itemSyntax = listSyntax as ListExpr;
            items = [.. literal.Items.Select((item, i) => Value(item, itemSyntax is not null && i < itemSyntax.Items.Count ? itemSyntax.Items[i] : listSyntax))];
        }
        else
        {
            // A list attribute or list tag reports its own problem; anything else is reported here.
            if (Value(@in.List, listSyntax) is not null)
                Problem<SqlCondition>(listSyntax, listSyntax.ToString(), "only list literals are translated on the right of 'in'");
            return null;
        }
        if (value is null || items.Any(i => i is null)) return null;
        if (value.IsNullConstant) return SqlCondition.Null;
        // The list's null elements are skipped, so a null item is "no match", not "unknown".
        Expression any = Expression.Constant(false);
        foreach (var item in items.Cast<SqlValue>().Where(i => !i.IsNullConstant))
        {
            var equal = Compare(BinaryOperator.Equal, value, item, syntax);
            if (equal is null) return null;
            any = SqlCondition.Or(any, equal.WhenTrue);
        }
        var condition = new SqlCondition(any, value.NotNullTest is { } notNull ? SqlCondition.And(notNull, SqlCondition.Not(any)) : SqlCondition.Not(any));
        return @in.Negated ? condition.Negate() : condition;
    }
}
