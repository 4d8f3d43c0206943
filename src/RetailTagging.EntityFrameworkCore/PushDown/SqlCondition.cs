using System.Linq.Expressions;

namespace RetailTagging.EntityFrameworkCore.PushDown;

/// <summary>
/// A translated bool in three-valued logic, as two two-valued predicates: when it is true and when
/// it is false (null is neither). SQL's own null handling is never relied on, so the translation
/// means the same on every provider, and <c>not</c> swaps the two predicates.
/// </summary>
internal sealed record SqlCondition(Expression WhenTrue, Expression WhenFalse)
{
    public static SqlCondition True { get; } = new(Expression.Constant(true), Expression.Constant(false));
    public static SqlCondition False { get; } = new(Expression.Constant(false), Expression.Constant(true));
    public static SqlCondition Null { get; } = new(Expression.Constant(false), Expression.Constant(false));

    /// <summary>A condition that is never null (EXISTS, comparisons of non-null values).</summary>
    public static SqlCondition Definite(Expression test) => new(test, Not(test));

    /// <summary>A comparison that is null when a guard fails (an operand is null), otherwise <paramref name="test"/>.</summary>
    public static SqlCondition Guarded(IEnumerable<Expression?> notNullGuards, Expression test)
    {
        var guard = AllOf(notNullGuards);
        return guard is null ? Definite(test) : new(And(guard, test), And(guard, Not(test)));
    }

    public SqlCondition Negate() => new(WhenFalse, WhenTrue);

    public static SqlCondition AndAlso(SqlCondition left, SqlCondition right) =>
        new(And(left.WhenTrue, right.WhenTrue), Or(left.WhenFalse, right.WhenFalse));

    public static SqlCondition OrElse(SqlCondition left, SqlCondition right) =>
        new(Or(left.WhenTrue, right.WhenTrue), And(left.WhenFalse, right.WhenFalse));

    /// <summary>The condition as a <c>bool?</c> value (true, false or null), for case results and coalesce.</summary>
    public Expression ToNullableBool() =>
        Expression.Condition(WhenTrue, Expression.Constant(true, typeof(bool?)),
            Expression.Condition(WhenFalse, Expression.Constant(false, typeof(bool?)), Expression.Constant(null, typeof(bool?))));

    /// <summary>A <c>bool?</c> value read as a condition.</summary>
    public static SqlCondition FromNullableBool(Expression value) =>
        new(Expression.Equal(value, Expression.Constant(true, typeof(bool?))), Expression.Equal(value, Expression.Constant(false, typeof(bool?))));

    public static Expression? AllOf(IEnumerable<Expression?> tests)
    {
        Expression? all = null;
        foreach (var test in tests)
            if (test is not null) all = all is null ? test : And(all, test);
        return all;
    }

    // Constant folding of true/false keeps the generated SQL readable and lets indexes apply.
    public static Expression And(Expression left, Expression right) =>
        IsConstant(left, false) || IsConstant(right, false) ? Expression.Constant(false)
        : IsConstant(left, true) ? right
        : IsConstant(right, true) ? left
        : Expression.AndAlso(left, right);

    public static Expression Or(Expression left, Expression right) =>
        IsConstant(left, true) || IsConstant(right, true) ? Expression.Constant(true)
        : IsConstant(left, false) ? right
        : IsConstant(right, false) ? left
        : Expression.OrElse(left, right);

    public static Expression Not(Expression test) =>
        test is ConstantExpression { Value: bool b } ? Expression.Constant(!b)
        : test is UnaryExpression { NodeType: ExpressionType.Not } not ? not.Operand
        : Expression.Not(test);

    private static bool IsConstant(Expression expression, bool value) => expression is ConstantExpression { Value: bool b } && b == value;
}
