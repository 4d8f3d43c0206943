using System.Linq.Expressions;
using System.Reflection;

namespace RetailTagging.EntityFrameworkCore.PushDown;

/// <summary>Builds <see cref="Queryable"/> calls the way the C# compiler does inside a query lambda, so EF Core sees ordinary subqueries.</summary>
internal static class QueryableCalls
{
    private static MethodInfo Generic(string name, int parameters, Func<MethodInfo, bool>? extra = null) =>
        typeof(Queryable).GetMethods().Single(m => m.Name == name && m.GetParameters().Length == parameters
            && (parameters == 1 || m.GetParameters()[1].ParameterType.GetGenericArguments()[0].GetGenericArguments().Length == 2)
            && (extra?.Invoke(m) ?? true));

    private static readonly MethodInfo WhereMethod = Generic(nameof(Queryable.Where), 2);
    private static readonly MethodInfo SelectMethod = Generic(nameof(Queryable.Select), 2);
    private static readonly MethodInfo AnyMethod = Generic(nameof(Queryable.Any), 1);
    private static readonly MethodInfo CountMethod = Generic(nameof(Queryable.Count), 1);
    private static readonly MethodInfo DistinctMethod = Generic(nameof(Queryable.Distinct), 1);
    private static readonly MethodInfo MinMethod = Generic(nameof(Queryable.Min), 1, m => m.IsGenericMethodDefinition);
    private static readonly MethodInfo MaxMethod = Generic(nameof(Queryable.Max), 1, m => m.IsGenericMethodDefinition);
    private static readonly MethodInfo FirstOrDefaultMethod = Generic(nameof(Queryable.FirstOrDefault), 1);
    private static readonly MethodInfo OrderByMethod = Generic(nameof(Queryable.OrderBy), 2);
    private static readonly MethodInfo ThenByMethod = Generic(nameof(Queryable.ThenBy), 2);
    private static readonly MethodInfo OrderByDescendingMethod = Generic(nameof(Queryable.OrderByDescending), 2);
    private static readonly MethodInfo ThenByDescendingMethod = Generic(nameof(Queryable.ThenByDescending), 2);
    private static readonly MethodInfo SumMethod = typeof(Queryable).GetMethod(nameof(Queryable.Sum), [typeof(IQueryable<decimal?>)])!;
    private static readonly MethodInfo AverageMethod = typeof(Queryable).GetMethod(nameof(Queryable.Average), [typeof(IQueryable<decimal?>)])!;

    private static Type Element(Expression source) => source.Type.GetGenericArguments()[0];

    public static Expression Where(Expression source, LambdaExpression predicate) =>
        Expression.Call(WhereMethod.MakeGenericMethod(Element(source)), source, Expression.Quote(predicate));

    public static Expression Select(Expression source, LambdaExpression selector) =>
        Expression.Call(SelectMethod.MakeGenericMethod(Element(source), selector.ReturnType), source, Expression.Quote(selector));

    public static Expression OrderBy(Expression source, LambdaExpression key, bool descending, bool first) =>
        Expression.Call((first ? descending ? OrderByDescendingMethod : OrderByMethod : descending ? ThenByDescendingMethod : ThenByMethod)
            .MakeGenericMethod(Element(source), key.ReturnType), source, Expression.Quote(key));

    public static Expression Any(Expression source) => Expression.Call(AnyMethod.MakeGenericMethod(Element(source)), source);
    public static Expression Count(Expression source) => Expression.Call(CountMethod.MakeGenericMethod(Element(source)), source);
    public static Expression Distinct(Expression source) => Expression.Call(DistinctMethod.MakeGenericMethod(Element(source)), source);
    public static Expression Min(Expression source) => Expression.Call(MinMethod.MakeGenericMethod(Element(source)), source);
    public static Expression Max(Expression source) => Expression.Call(MaxMethod.MakeGenericMethod(Element(source)), source);
    public static Expression FirstOrDefault(Expression source) => Expression.Call(FirstOrDefaultMethod.MakeGenericMethod(Element(source)), source);
    public static Expression Sum(Expression source) => Expression.Call(SumMethod, source);
    public static Expression Average(Expression source) => Expression.Call(AverageMethod, source);
}
