using System.Linq.Expressions;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.Language.Runtime;

namespace RetailTagging.EntityFrameworkCore.PushDown;

/// <summary>
/// What a translation is relative to: the customer row being tested, the event and assignment
/// tables of the context, the provider's dialect, and the as-of instant (sent as parameters).
/// </summary>
internal sealed class TranslationScope
{
    public TranslationScope(Expression events, Expression assignments, SqlDialect dialect, DateTimeOffset asOf, TimeZoneInfo zone)
    {
        Events = events;
        Assignments = assignments;
        Dialect = dialect;
        AsOf = asOf;
        Zone = zone;
        AsOfDate = Calendar.LocalDate(asOf, zone);
        AsOfUtc = QueryParameter<DateTime>.Of(asOf.UtcDateTime);
        Customer = Expression.Parameter(typeof(CustomerRow), "customer");
    }

    /// <summary>A scope whose tables are empty in-memory queryables: enough to find the problems without a database.</summary>
    public static TranslationScope DryRun(DateTimeOffset asOf, TimeZoneInfo zone) =>
        new(Expression.Constant(Array.Empty<EventRow>().AsQueryable()), Expression.Constant(Array.Empty<TagAssignmentRow>().AsQueryable()),
            SqlDialect.Default, asOf, zone);

    /// <summary>The lambda parameter: the customer row under test.</summary>
    public ParameterExpression Customer { get; }

    /// <summary>The events table (an <c>IQueryable&lt;EventRow&gt;</c> root).</summary>
    public Expression Events { get; }

    /// <summary>The current tag assignments table.</summary>
    public Expression Assignments { get; }

    public SqlDialect Dialect { get; }

    public DateTimeOffset AsOf { get; }

    /// <summary>The business time zone, for the as-of date, ages and day boundaries.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>The as-of date in the business time zone.</summary>
    public DateOnly AsOfDate { get; }

    /// <summary>The as-of instant as a UTC <see cref="DateTime"/> parameter.</summary>
    public Expression AsOfUtc { get; }
}
