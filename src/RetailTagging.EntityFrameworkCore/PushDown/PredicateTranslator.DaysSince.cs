using System.Linq.Expressions;
using RetailTagging.Language;
using RetailTagging.Language.Ast;
using RetailTagging.Language.Binding;
using RetailTagging.Language.Runtime;

namespace RetailTagging.EntityFrameworkCore.PushDown;

/// <summary>
/// <c>days_since(x) op n</c> with a constant n becomes a range test on x itself: days_since is the
/// as-of day number minus x's local day number, so the test bounds x's local day, and a local day
/// bound is an instant bound at that day's midnight in the business time zone. The SQL compares
/// the raw column, so an index on it applies.
/// </summary>
internal sealed partial class PredicateTranslator
{
    private SqlCondition? DaysSinceComparison(BoundBinary comparison, Expr syntax)
    {
        var parts = syntax as BinaryExpr;
        var (call, constant, op, callSyntax) = comparison switch
        {
            { Left: BoundCall { Function: BuiltinFunction.DaysSince } c } when _constants.IsConstant(comparison.Right) && !_constants.IsConstant(c)
                => (c, comparison.Right, comparison.Operator, parts?.Left),
            { Right: BoundCall { Function: BuiltinFunction.DaysSince } c } when _constants.IsConstant(comparison.Left) && !_constants.IsConstant(c)
                => (c, comparison.Left, Flip(comparison.Operator), parts?.Right),
            _ => default((BoundCall?, BoundExpr?, BinaryOperator, Expr?)),
        };
        if (call is null || constant is null) return null;
        var argument = Value(call.Arguments[0], (callSyntax as CallExpr)?.Arguments is { Count: > 0 } a ? a[0] : syntax);
        if (argument is null) return SqlCondition.Null; // reported; the caller's result is discarded with the problems
        if (_constants.Evaluate(constant).AsNumber is not { } n || argument.IsNullConstant) return SqlCondition.Null;

        // days_since(x) = A - L, where A is the as-of day number and L is x's local day number.
        var k = _scope.AsOfDate.DayNumber - n;
        // D > n <=> L < k;  D >= n <=> L <= k;  D < n <=> L > k;  D <= n <=> L >= k.
        var isWhole = decimal.Truncate(k) == k;
        var floor = decimal.Floor(k);
        var ceiling = decimal.Ceiling(k);
        var guard = argument.NotNullTest;
        return op switch
        {
            BinaryOperator.Greater => SqlCondition.Guarded([guard], DayAtMost(argument, ceiling - 1)),
            BinaryOperator.GreaterOrEqual => SqlCondition.Guarded([guard], DayAtMost(argument, floor)),
            BinaryOperator.Less => SqlCondition.Guarded([guard], DayAtLeast(argument, floor + 1)),
            BinaryOperator.LessOrEqual => SqlCondition.Guarded([guard], DayAtLeast(argument, ceiling)),
            BinaryOperator.Equal => SqlCondition.Guarded([guard], isWhole ? SqlCondition.And(DayAtLeast(argument, k), DayAtMost(argument, k)) : Expression.Constant(false)),
            _ => SqlCondition.Guarded([guard], isWhole ? SqlCondition.And(DayAtLeast(argument, k), DayAtMost(argument, k)) : Expression.Constant(false)).Negate(),
        };
    }

    private static BinaryOperator Flip(BinaryOperator op) => op switch
    {
        BinaryOperator.Less => BinaryOperator.Greater,
        BinaryOperator.LessOrEqual => BinaryOperator.GreaterOrEqual,
        BinaryOperator.Greater => BinaryOperator.Less,
        BinaryOperator.GreaterOrEqual => BinaryOperator.LessOrEqual,
        _ => op,
    };

    /// <summary>x's local day number is at most <paramref name="day"/>: x before the next day's start.</summary>
    private Expression DayAtMost(SqlValue x, decimal day) =>
        day >= DateOnly.MaxValue.DayNumber ? Expression.Constant(true)
        : day < DateOnly.MinValue.DayNumber ? Expression.Constant(false)
        : Expression.LessThan(x.Expression, DayStart(x, (int)day + 1));

    /// <summary>x's local day number is at least <paramref name="day"/>: x at or after that day's start.</summary>
    private Expression DayAtLeast(SqlValue x, decimal day) =>
        day <= DateOnly.MinValue.DayNumber ? Expression.Constant(true)
        : day > DateOnly.MaxValue.DayNumber ? Expression.Constant(false)
        : Expression.GreaterThanOrEqual(x.Expression, DayStart(x, (int)day));

    private Expression DayStart(SqlValue x, int dayNumber)
    {
        var date = DateOnly.FromDayNumber(dayNumber);
        return x.Kind == TypeKind.Date
            ? QueryParameter<DateOnly?>.Of(date)
            : QueryParameter<DateTime?>.Of(Calendar.StartOfDay(date, _scope.Zone).UtcDateTime);
    }
}
