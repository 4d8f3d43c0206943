using System.Linq.Expressions;
using RetailTagging.Language.Ast;
using RetailTagging.Language.Binding;

namespace RetailTagging.Language.Compilation;

internal sealed partial class DelegateCompiler
{
    /// <summary>
    /// Compiles a condition to a plain bool that is true exactly when the condition evaluates to
    /// <paramref name="want"/>. Three-valued logic needs no nullable booleans in this form:
    /// "a and b" is true when both are true and false when either is false.
    /// </summary>
    private Expression Test(BoundExpr expr, bool want)
    {
        // An operand of the null type is always null, so a comparison with it is never true or false.
        if (expr is BoundBinary { Operator: not (BinaryOperator.And or BinaryOperator.Or) } or BoundBetween or BoundIn
            && Operands(expr).Any(o => o.Type.Kind == TypeKind.Null))
            return Expression.Constant(false);
        switch (expr)
        {
            case BoundLiteral literal:
                return Expression.Constant(literal.Value.AsBool == want);
            case BoundUnary { Operator: UnaryOperator.Not } not:
                return Test(not.Operand, !want);
            case BoundBinary { Operator: BinaryOperator.And } and:
                return want ? Expression.AndAlso(Test(and.Left, true), Test(and.Right, true))
                    : Expression.OrElse(Test(and.Left, false), Test(and.Right, false));
            case BoundBinary { Operator: BinaryOperator.Or } or:
                return want ? Expression.OrElse(Test(or.Left, true), Test(or.Right, true))
                    : Expression.AndAlso(Test(or.Left, false), Test(or.Right, false));
            case BoundBinary comparison when TypeRules.IsComparison(comparison.Operator):
                return TestWhenPresent([Compile(comparison.Left), Compile(comparison.Right)],
                    values => Outcome(Compare(comparison.Operator, values[0], values[1]), want));
            case BoundBetween between:
                return TestWhenPresent([Compile(between.Value), Compile(between.Low), Compile(between.High)], values =>
                {
                    var inside = Expression.AndAlso(
                        Compare(BinaryOperator.GreaterOrEqual, values[0], values[1]),
                        Compare(BinaryOperator.LessOrEqual, values[0], values[2]));
                    return Outcome(inside, want != between.Negated);
                });
            case BoundIn @in:
                return TestWhenPresent([Compile(@in.Value), Compile(@in.List)],
                    values => Outcome(Contains(values[1], values[0]), want != @in.Negated));
            case BoundIsNull isNull:
                var present = Compile(isNull.Value);
                return Outcome(ClrTypes.HasValue(present), want == isNull.Negated);
            default:
                var value = Compile(expr);
                return value.Type == typeof(bool?)
                    ? Expression.Equal(value, Expression.Constant(want, typeof(bool?)))
                    : Expression.Constant(false);
        }
    }

    private static IEnumerable<BoundExpr> Operands(BoundExpr expr) => expr switch
    {
        BoundBinary binary => [binary.Left, binary.Right],
        BoundBetween between => [between.Value, between.Low, between.High],
        BoundIn @in => [@in.Value, @in.List],
        _ => [],
    };

    private static Expression Outcome(Expression condition, bool want) => want ? condition : Expression.Not(condition);

    /// <summary>True when every operand is present and the body holds; operands are evaluated once.</summary>
    private static Expression TestWhenPresent(Expression[] operands, Func<Expression[], Expression> body)
    {
        // An untyped null operand (the literal null) is never present.
        if (operands.Any(o => o.Type == typeof(Value) && o is ConstantExpression { Value: Value { IsNull: true } }))
            return Expression.Constant(false);
        return WithOperands(operands, (present, values) => present is null ? body(values) : Expression.AndAlso(present, body(values)));
    }

    private static Expression Compare(BinaryOperator op, Expression left, Expression right)
    {
        if (left.Type == typeof(string))
        {
            if (op is BinaryOperator.Equal or BinaryOperator.NotEqual)
            {
                var equal = Expression.Call(ClrTypes.Method(typeof(string), nameof(string.Equals), typeof(string), typeof(string)), left, right);
                return op == BinaryOperator.Equal ? equal : Expression.Not(equal);
            }
            left = Expression.Call(ClrTypes.Method(typeof(string), nameof(string.CompareOrdinal), typeof(string), typeof(string)), left, right);
            right = Expression.Constant(0);
        }
        return op switch
        {
            BinaryOperator.Equal => Expression.Equal(left, right),
            BinaryOperator.NotEqual => Expression.NotEqual(left, right),
            BinaryOperator.Less => Expression.LessThan(left, right),
            BinaryOperator.LessOrEqual => Expression.LessThanOrEqual(left, right),
            BinaryOperator.Greater => Expression.GreaterThan(left, right),
            _ => Expression.GreaterThanOrEqual(left, right),
        };
    }

    /// <summary>Constant lists up to this size test a string or number item by a chain of equalities instead of a hash set.</summary>
    private const int EqualityChainLimit = 8;

    private static Expression Contains(Expression list, Expression item)
    {
        // A short constant list of the item's own kind: comparing the typed item with each literal
        // is what Value equality does for strings (ordinal) and numbers (decimal ==), without
        // wrapping the item in a Value and hashing it (filters run this once per event).
        if (list is ConstantExpression { Value: Value { AsList: { Length: > 0 and <= EqualityChainLimit } items } }
            && KindOf(item.Type) is { } kind && items.All(i => i.Kind == kind))
            return items.Select(i => Compare(BinaryOperator.Equal, item, Expression.Constant(i.ToObject(), item.Type)))
                .Aggregate(Expression.OrElse);
        var boxed = ClrTypes.ToValue(item.Type.IsValueType && item.Type != typeof(Value) ? Expression.Convert(item, typeof(Nullable<>).MakeGenericType(item.Type)) : item);
        // A constant list becomes a hash set once, at compile time.
        if (list is ConstantExpression { Value: Value constant })
        {
            var set = new HashSet<Value>(constant.AsList);
            return Expression.Call(Expression.Constant(set), typeof(HashSet<Value>).GetMethod(nameof(HashSet<Value>.Contains))!, boxed);
        }
        return Expression.Call(ClrTypes.Method(typeof(ListValues), nameof(ListValues.Contains), typeof(Value), typeof(Value)), list, boxed);
    }

    private static TypeKind? KindOf(Type clr) =>
        clr == typeof(string) ? TypeKind.String : clr == typeof(decimal) ? TypeKind.Number : null;
}
