using System.Linq.Expressions;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.Language;
using RetailTagging.Language.Binding;

namespace RetailTagging.EntityFrameworkCore.PushDown;

/// <summary>
/// Tag references read the stored current assignments: a tag is held by a customer when an
/// assignment row exists that has not lapsed at the as-of instant. Storage keeps only held tags, so
/// a yes/no tag that is not stored reads as false (never null), and a valued tag that is not stored
/// reads as null.
/// </summary>
internal sealed partial class PredicateTranslator
{
    private SqlCondition TagHolds(BoundTagReference reference) =>
        SqlCondition.Definite(QueryableCalls.Any(Assignments(reference.Tag, Language.Value.FromBool(true).ToString())));

    private SqlValue TagValue(BoundTagReference reference)
    {
        var row = Expression.Parameter(typeof(TagAssignmentRow), "a");
        var stored = Expression.Property(row, nameof(TagAssignmentRow.Value));
        var assignments = Assignments(reference.Tag, requiredValue: null);
        if (reference.Type.Kind == TypeKind.Number)
        {
            // A number's literal text casts to a SQL number (numeric on PostgreSQL; SQLite's decimal functions parse it).
            // The cast sits in the select list, so it only sees this tag's rows.
            var number = Expression.Convert(Expression.Convert(stored, typeof(object)), typeof(decimal?));
            return new SqlValue(QueryableCalls.FirstOrDefault(QueryableCalls.Select(assignments, Expression.Lambda(number, row))), TypeKind.Number, CanBeNull: true);
        }
        var text = QueryableCalls.FirstOrDefault(QueryableCalls.Select(assignments, Expression.Lambda(stored, row)));
        return new SqlValue(text, reference.Type.Kind, CanBeNull: true, EncodedTag: reference.Tag);
    }

    /// <summary>The customer's unexpired assignments of <paramref name="tag"/> (optionally with a given stored value).</summary>
    private Expression Assignments(string tag, string? requiredValue)
    {
        var row = Expression.Parameter(typeof(TagAssignmentRow), "a");
        var expires = Expression.Property(row, nameof(TagAssignmentRow.ExpiresAtUtc));
        var tests = new List<Expression>
        {
            Expression.Equal(Expression.Property(row, nameof(TagAssignmentRow.CustomerId)), Expression.Property(_scope.Customer, nameof(CustomerRow.Id))),
            Expression.Equal(Expression.Property(row, nameof(TagAssignmentRow.Tag)), Expression.Constant(tag)),
            Expression.OrElse(Expression.Equal(expires, Expression.Constant(null, typeof(DateTime?))),
                Expression.GreaterThan(expires, Expression.Convert(_scope.AsOfUtc, typeof(DateTime?)))),
        };
        if (requiredValue is not null)
            tests.Add(Expression.Equal(Expression.Property(row, nameof(TagAssignmentRow.Value)), Expression.Constant(requiredValue)));
        return QueryableCalls.Where(_scope.Assignments, Expression.Lambda(SqlCondition.AllOf(tests)!, row));
    }
}
