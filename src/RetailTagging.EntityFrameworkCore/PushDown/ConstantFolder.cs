using System.Linq.Expressions;
using RetailTagging.Language;
using RetailTagging.Language.Binding;
using RetailTagging.Language.Runtime;

namespace RetailTagging.EntityFrameworkCore.PushDown;

/// <summary>
/// Folds the parts of an expression that read no customer data (literals, <c>now()</c>, date
/// arithmetic on constants, ...) with the interpreter at the as-of instant, so SQL receives their
/// values as parameters and the language's own semantics decide them.
/// </summary>
internal sealed class ConstantFolder(DateTimeOffset asOf, TimeZoneInfo zone)
{
    private readonly EvaluationFrame _frame = CreateFrame(asOf, zone);

    private static EvaluationFrame CreateFrame(DateTimeOffset asOf, TimeZoneInfo zone)
    {
        var frame = new EvaluationFrame();
        frame.Reset(new Customer("constant-folding"), [], asOf, zone, null, 0, 0);
        return frame;
    }

    /// <summary>True when <paramref name="bound"/> reads nothing of the customer, their events, tags or scores.</summary>
    public bool IsConstant(BoundExpr bound) =>
        bound is not (BoundAttribute or BoundEventField or BoundTagReference or BoundScore or BoundAggregate)
        && BoundTree.Children(bound).All(IsConstant);

    public Value Evaluate(BoundExpr bound) => Interpreter.Evaluate(bound, _frame);

    /// <summary>A constant as a SQL parameter of the CLR type its kind maps to (null as a typed null constant).</summary>
    public static SqlValue ToSql(Value value, TagType type)
    {
        var kind = value.IsNull ? type.Kind : value.Kind;
        var clr = ClrType(kind);
        if (value.IsNull) return new SqlValue(Expression.Constant(null, clr), kind, CanBeNull: true, value);
        Expression expression = kind switch
        {
            TypeKind.Number => QueryParameter<decimal?>.Of(value.AsNumber),
            TypeKind.String => QueryParameter<string?>.Of(value.AsString),
            TypeKind.Bool => QueryParameter<bool?>.Of(value.AsBool),
            TypeKind.Date => QueryParameter<DateOnly?>.Of(value.AsDate),
            TypeKind.Instant => QueryParameter<DateTime?>.Of(value.AsInstant!.Value.UtcDateTime),
            TypeKind.Duration => QueryParameter<TimeSpan?>.Of(value.AsDuration),
            _ => Expression.Constant(null, clr),
        };
        return new SqlValue(expression, kind, CanBeNull: false, value);
    }

    /// <summary>The nullable CLR type a language type is represented by in predicates.</summary>
    public static Type ClrType(TypeKind kind) => kind switch
    {
        TypeKind.Number => typeof(decimal?),
        TypeKind.Bool => typeof(bool?),
        TypeKind.Date => typeof(DateOnly?),
        TypeKind.Instant => typeof(DateTime?),
        TypeKind.Duration => typeof(TimeSpan?),
        _ => typeof(string),
    };
}
