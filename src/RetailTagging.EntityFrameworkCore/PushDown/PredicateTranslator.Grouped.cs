using System.Linq.Expressions;
using System.Reflection;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.Language;
using RetailTagging.Language.Ast;
using RetailTagging.Language.Binding;

namespace RetailTagging.EntityFrameworkCore.PushDown;

/// <summary>
/// <c>count(...) op n</c> and <c>sum(...) op n</c> with a constant n, whose filter reads only the event, become a
/// membership test in the customers whose grouped events pass: <c>id IN (SELECT customer_id ... GROUP BY
/// customer_id HAVING ...)</c>. The database reads the qualifying events once (by the (type, at) index) instead of
/// running a correlated subquery per customer. A customer without events has count and sum 0: when 0 passes the
/// test, the query keeps the customers NOT IN the groups that fail it.
/// </summary>
internal sealed partial class PredicateTranslator
{
    private static readonly MethodInfo GroupByMethod = typeof(Queryable).GetMethods()
        .Single(m => m.Name == nameof(Queryable.GroupBy) && m.GetParameters().Length == 2 && m.GetGenericArguments().Length == 2);
    private static readonly MethodInfo ContainsMethod = typeof(Queryable).GetMethods()
        .Single(m => m.Name == nameof(Queryable.Contains) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(string));
    private static readonly MethodInfo EnumerableCount = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Count) && m.GetParameters().Length == 1).MakeGenericMethod(typeof(EventRow));
    private static readonly MethodInfo EnumerableSum = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Sum) && m.IsGenericMethod && m.GetParameters() is [_, { ParameterType: var f }]
            && f.GetGenericArguments()[1] == typeof(decimal?)).MakeGenericMethod(typeof(EventRow));

    private SqlCondition? GroupedComparison(BoundBinary comparison, Expr syntax)
    {
        var parts = syntax as BinaryExpr;
        var (aggregate, constant, op, aggregateSyntax) = comparison switch
        {
            { Left: BoundAggregate a } when _constants.IsConstant(comparison.Right) => (a, comparison.Right, comparison.Operator, parts?.Left),
            { Right: BoundAggregate a } when _constants.IsConstant(comparison.Left) => (a, comparison.Left, Flip(comparison.Operator), parts?.Right),
            _ => default((BoundAggregate?, BoundExpr?, BinaryOperator, Expr?)),
        };
        if (aggregate is null || constant is null || aggregate.Spec.Kind is not (AggregateKind.Count or AggregateKind.Sum)) return null;
        if (aggregate.Spec.Filter is { } filter && ReadsCustomer(filter)) return null;
        if (_constants.Evaluate(constant).AsNumber is not { } n) return null;
        if (Events(aggregate.Spec, aggregateSyntax ?? syntax, correlated: false) is not var (events, row, property)) return null;

        var groups = Expression.Call(GroupByMethod.MakeGenericMethod(typeof(EventRow), typeof(string)), events,
            Expression.Quote(Expression.Lambda(Expression.Property(row, nameof(EventRow.CustomerId)), row)));
        var group = Expression.Parameter(typeof(IGrouping<string, EventRow>), "g");
        var value = aggregate.Spec.Kind == AggregateKind.Count
            ? new SqlValue(Expression.Convert(Expression.Call(EnumerableCount, group), typeof(int?)), TypeKind.Number, CanBeNull: false)
            : new SqlValue(Expression.Call(EnumerableSum, group, Expression.Lambda<Func<EventRow, decimal?>>(property!.Expression, row)), TypeKind.Number, CanBeNull: false);
        var bound = ConstantFolder.ToSql(Language.Value.FromNumber(n), TagType.Number);
        var passes = RawCompare(op, value, bound);
        var emptyPasses = op switch
        {
            BinaryOperator.Equal => n == 0,
            BinaryOperator.NotEqual => n != 0,
            BinaryOperator.Less => 0 < n,
            BinaryOperator.LessOrEqual => 0 <= n,
            BinaryOperator.Greater => 0 > n,
            _ => 0 >= n,
        };
        var having = emptyPasses ? SqlCondition.Not(passes) : passes;
        var keys = QueryableCalls.Select(QueryableCalls.Where(groups, Expression.Lambda(having, group)),
            Expression.Lambda(Expression.Property(group, nameof(IGrouping<string, EventRow>.Key)), group));
        var member = Expression.Call(ContainsMethod, keys, Expression.Property(_scope.Customer, nameof(CustomerRow.Id)));
        return SqlCondition.Definite(emptyPasses ? SqlCondition.Not(member) : member);
    }

    private static bool ReadsCustomer(BoundExpr expr) => expr is BoundAttribute || BoundTree.Children(expr).Any(ReadsCustomer);
}
