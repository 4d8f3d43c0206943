using System.Linq.Expressions;
using System.Reflection;

namespace RetailTagging.Language.Compilation;

/// <summary>
/// How language types are represented in compiled code: nullable CLR types for scalars (so the
/// JIT sees plain decimals and strings), <see cref="Value"/> for lists and untyped nulls.
/// </summary>
internal static class ClrTypes
{
    public static Type Of(TagType type) => type.Kind switch
    {
        TypeKind.Bool => typeof(bool?),
        TypeKind.Number => typeof(decimal?),
        TypeKind.String => typeof(string),
        TypeKind.Instant => typeof(DateTimeOffset?),
        TypeKind.Date => typeof(DateOnly?),
        TypeKind.Duration => typeof(TimeSpan?),
        _ => typeof(Value),
    };

    /// <summary>The non-nullable type that holds a present value.</summary>
    public static Type Underlying(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    public static Expression HasValue(Expression expr) =>
        expr.Type == typeof(string) ? Expression.NotEqual(expr, Expression.Constant(null, typeof(string)))
        : expr.Type == typeof(Value) ? Expression.Not(Expression.Property(expr, nameof(Value.IsNull)))
        : Nullable.GetUnderlyingType(expr.Type) is not null ? Expression.Property(expr, "HasValue")
        : Expression.Constant(true);

    public static Expression ValueOf(Expression expr) =>
        Nullable.GetUnderlyingType(expr.Type) is not null ? Expression.Call(expr, expr.Type.GetMethod("GetValueOrDefault", Type.EmptyTypes)!) : expr;

    /// <summary>A typed constant for a literal, or a typed null.</summary>
    public static Expression Constant(Value value, TagType type)
    {
        var clr = Of(type);
        object? boxed = type.Kind switch
        {
            TypeKind.Bool => value.AsBool,
            TypeKind.Number => value.AsNumber,
            TypeKind.String => value.AsString,
            TypeKind.Instant => value.AsInstant,
            TypeKind.Date => value.AsDate,
            TypeKind.Duration => value.AsDuration,
            _ => value,
        };
        return Expression.Constant(boxed, clr);
    }

    /// <summary>Reads a typed value out of a <see cref="Value"/> expression.</summary>
    public static Expression FromValue(Expression value, TagType type) => type.Kind switch
    {
        TypeKind.Bool => Expression.Property(value, nameof(Value.AsBool)),
        TypeKind.Number => Expression.Property(value, nameof(Value.AsNumber)),
        TypeKind.String => Expression.Property(value, nameof(Value.AsString)),
        TypeKind.Instant => Expression.Property(value, nameof(Value.AsInstant)),
        TypeKind.Date => Expression.Property(value, nameof(Value.AsDate)),
        TypeKind.Duration => Expression.Property(value, nameof(Value.AsDuration)),
        _ => value,
    };

    private static readonly MethodInfo[] FromMethods = typeof(Value).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.Name == nameof(Value.From)).ToArray();

    /// <summary>Wraps a typed expression into a <see cref="Value"/>.</summary>
    public static Expression ToValue(Expression typed)
    {
        if (typed.Type == typeof(Value)) return typed;
        if (typed.Type == typeof(string)) return Expression.Call(typeof(Value).GetMethod(nameof(Value.FromString))!, typed);
        var method = FromMethods.Single(m => m.GetParameters()[0].ParameterType == typed.Type);
        return Expression.Call(method, typed);
    }

    public static MethodInfo Method(Type type, string name, params Type[] parameters) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, parameters)
        ?? throw new InvalidOperationException($"{type.Name}.{name} not found.");
}
