using System.Linq.Expressions;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.Language;
using RetailTagging.Language.Ast;
using RetailTagging.Language.Binding;

namespace RetailTagging.EntityFrameworkCore.PushDown;

/// <summary>
/// Event aggregates as correlated subqueries over the events table: the customer's events of the
/// type, at or before the as-of instant, inside the window <c>(asOf - d, asOf]</c>, passing the
/// where filter, with the aggregated property not null.
/// </summary>
internal sealed partial class PredicateTranslator
{
    private SqlValue? Aggregate(AggregateSpec spec, Expr syntax)
    {
        if (Events(spec, syntax, correlated: true) is not var (events, row, property)) return null;
        var at = Expression.Property(row, nameof(EventRow.AtUtc));
        LambdaExpression Selector(Expression value) => Expression.Lambda(value, row);
        switch (spec.Kind)
        {
            case AggregateKind.Exists:
                return new SqlValue(QueryableCalls.Any(events), TypeKind.Bool, CanBeNull: false);
            case AggregateKind.Count:
                return new SqlValue(Expression.Convert(QueryableCalls.Count(events), typeof(int?)), TypeKind.Number, CanBeNull: false);
            case AggregateKind.DistinctCount:
                var distinct = QueryableCalls.Distinct(QueryableCalls.Select(events, Selector(property!.Expression)));
                return new SqlValue(Expression.Convert(QueryableCalls.Count(distinct), typeof(int?)), TypeKind.Number, CanBeNull: false);
            case AggregateKind.Sum:
                // EF Core sums with COALESCE(SUM(x), 0): the language's sum of no events is 0 too.
                return new SqlValue(QueryableCalls.Sum(QueryableCalls.Select(events, Selector(property!.Expression))), TypeKind.Number, CanBeNull: false);
            case AggregateKind.Avg:
                return new SqlValue(QueryableCalls.Average(QueryableCalls.Select(events, Selector(property!.Expression))), TypeKind.Number, CanBeNull: true);
            case AggregateKind.Min or AggregateKind.Max:
                var values = QueryableCalls.Select(events, Selector(Ordered(property!)));
                return new SqlValue(spec.Kind == AggregateKind.Min ? QueryableCalls.Min(values) : QueryableCalls.Max(values), property!.Kind, CanBeNull: true);
            default:
                // first/last: by instant, then by event id (ordinal), as the language breaks ties.
                var descending = spec.Kind == AggregateKind.Last;
                var ordered = QueryableCalls.OrderBy(events, Selector(at), descending, first: true);
                ordered = QueryableCalls.OrderBy(ordered, Selector(_scope.Dialect.Ordinal(Expression.Property(row, nameof(EventRow.Id)))), descending, first: false);
                var first = QueryableCalls.FirstOrDefault(QueryableCalls.Select(ordered, Selector(property!.Expression)));
                return new SqlValue(first, property!.Kind, CanBeNull: true);
        }
    }

    /// <summary>
    /// The events an aggregate reads: of its type, at or before the as-of instant, in its window, passing its filter,
    /// with its property not null; <paramref name="correlated"/> restricts them to the customer under test.
    /// </summary>
    private (Expression Events, ParameterExpression Row, SqlValue? Property)? Events(AggregateSpec spec, Expr syntax, bool correlated)
    {
        var aggregateSyntax = syntax as AggregateExpr;
        var row = Expression.Parameter(typeof(EventRow), "e");
        var at = Expression.Property(row, nameof(EventRow.AtUtc));
        var tests = new List<Expression>();
        if (correlated)
            tests.Add(Expression.Equal(Expression.Property(row, nameof(EventRow.CustomerId)), Expression.Property(_scope.Customer, nameof(CustomerRow.Id))));
        tests.Add(Expression.Equal(Expression.Property(row, nameof(EventRow.Type)), Expression.Constant(spec.EventType)));
        tests.Add(Expression.LessThanOrEqual(at, _scope.AsOfUtc));
        if (spec.Window is { } window)
            tests.Add(Expression.GreaterThan(at, QueryParameter<DateTime>.Of((_scope.AsOf - window).UtcDateTime)));
        var failed = false;
        if (spec.Filter is not null)
        {
            // Aggregates do not nest (the binder refuses it), so there is no outer event to restore.
            (_event, _eventType) = (row, spec.EventType);
            var filter = Condition(spec.Filter, aggregateSyntax?.Filter ?? syntax);
            (_event, _eventType) = (null, "");
            if (filter is null) failed = true;
            else tests.Add(filter.WhenTrue);
        }
        SqlValue? property = null;
        if (spec.Property is not null)
        {
            property = EventField(row, spec.EventType, spec.Property, syntax);
            if (property is null) failed = true;
            else if (property.NotNullTest is { } notNull) tests.Add(notNull);
        }
        if (failed) return null;
        return (QueryableCalls.Where(_scope.Events, Expression.Lambda(SqlCondition.AllOf(tests)!, row)), row, property);
    }

    /// <summary>A value to be ordered by SQL: strings take the ordinal collation.</summary>
    private Expression Ordered(SqlValue value) =>
        value.Kind == TypeKind.String ? _scope.Dialect.Ordinal(value.Expression) : value.Expression;
}
