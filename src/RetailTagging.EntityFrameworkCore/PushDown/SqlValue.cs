using System.Linq.Expressions;
using RetailTagging.Language;

namespace RetailTagging.EntityFrameworkCore.PushDown;

/// <summary>
/// A translated non-bool value: an expression of a nullable CLR type (number: <c>decimal?</c> or
/// <c>int?</c> for counts and ages; string; date: <c>DateOnly?</c>; instant: UTC <c>DateTime?</c>).
/// </summary>
/// <param name="Expression">The expression EF Core translates.</param>
/// <param name="Kind">The language type it carries.</param>
/// <param name="CanBeNull">False when SQL can never produce null here (counts, sums, non-null constants), which keeps the SQL free of null guards.</param>
/// <param name="Constant">The value when it was folded at translation time (literals, <c>now()</c>, constant arithmetic).</param>
/// <param name="EncodedTag">
/// Set for a valued tag whose stored text (the literal syntax) is not decoded in SQL: such a value
/// can only be tested for equality with constants, membership in a constant list, or null.
/// </param>
internal sealed record SqlValue(Expression Expression, TypeKind Kind, bool CanBeNull, Value? Constant = null, string? EncodedTag = null)
{
    /// <summary>True when the value is a constant null.</summary>
    public bool IsNullConstant => Constant is { IsNull: true };

    /// <summary><c>value != null</c>, or null when the value can never be null.</summary>
    public Expression? NotNullTest => CanBeNull ? Expression.NotEqual(Expression, Expression.Constant(null, Expression.Type)) : null;
}
