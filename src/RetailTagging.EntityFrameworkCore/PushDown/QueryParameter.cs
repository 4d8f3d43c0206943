using System.Linq.Expressions;

namespace RetailTagging.EntityFrameworkCore.PushDown;

/// <summary>
/// A value the predicate reads through a member access on a constant, which EF Core turns into a
/// SQL parameter: queries at different as-of instants share one cached plan.
/// </summary>
internal sealed class QueryParameter<T>(T value)
{
    /// <summary>The value sent as the parameter.</summary>
    public T Value { get; } = value;

    /// <summary>An expression reading <paramref name="value"/> as a parameter.</summary>
    public static Expression Of(T value) =>
        Expression.Property(Expression.Constant(new QueryParameter<T>(value)), nameof(Value));
}
