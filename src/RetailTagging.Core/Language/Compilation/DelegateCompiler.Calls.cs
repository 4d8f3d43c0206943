using System.Linq.Expressions;
using RetailTagging.Language.Binding;
using RetailTagging.Language.Runtime;

namespace RetailTagging.Language.Compilation;

internal sealed partial class DelegateCompiler
{
    private Expression CompileCall(BoundCall call)
    {
        var args = call.Arguments.Select(Compile).ToArray();
        var resultType = ClrTypes.Of(call.Type);
        switch (call.Function)
        {
            case BuiltinFunction.Now:
                return Expression.Convert(Expression.Field(_frame, nameof(EvaluationFrame.AsOf)), typeof(DateTimeOffset?));
            case BuiltinFunction.Coalesce:
                return args.Select(a => Coerce(a, resultType)).Reverse().Aggregate((rest, first) =>
                    resultType == typeof(Value)
                        ? Expression.Call(ClrTypes.Method(typeof(Extremes), nameof(Extremes.Coalesce), typeof(Value), typeof(Value)), first, rest)
                        : Expression.Coalesce(first, rest));
            case BuiltinFunction.Min or BuiltinFunction.Max:
                var name = call.Function == BuiltinFunction.Min ? nameof(Extremes.Min) : nameof(Extremes.Max);
                var folded = args.Select(ClrTypes.ToValue).Aggregate((a, b) =>
                    Expression.Call(ClrTypes.Method(typeof(Extremes), name, typeof(Value), typeof(Value)), a, b));
                return ClrTypes.FromValue(folded, call.Type);
        }
        // Every other function propagates null: an untyped null argument makes the result null.
        if (args.Any(a => a.Type == typeof(Value) && call.Function != BuiltinFunction.Length))
            return Expression.Default(resultType);
        return call.Function switch
        {
            BuiltinFunction.Contains => Static(typeof(Strings), nameof(Strings.Contains), args),
            BuiltinFunction.StartsWith => Static(typeof(Strings), nameof(Strings.StartsWith), args),
            BuiltinFunction.EndsWith => Static(typeof(Strings), nameof(Strings.EndsWith), args),
            BuiltinFunction.Lower => Static(typeof(Strings), nameof(Strings.Lower), args),
            BuiltinFunction.Upper => Static(typeof(Strings), nameof(Strings.Upper), args),
            BuiltinFunction.Length => args[0].Type == typeof(Value)
                ? Static(typeof(ListValues), nameof(ListValues.Length), args)
                : Static(typeof(Strings), nameof(Strings.Length), args),
            BuiltinFunction.DaysSince => Static(typeof(Calendar), nameof(Calendar.DaysSince), [args[0], _frame]),
            BuiltinFunction.DaysUntilBirthday => Static(typeof(Calendar), nameof(Calendar.DaysUntilBirthday), [args[0], _frame]),
            BuiltinFunction.AgeYears => Static(typeof(Calendar), nameof(Calendar.AgeYears), [args[0], _frame]),
            BuiltinFunction.DayOfWeek => args[0].Type == typeof(DateOnly?)
                ? Static(typeof(Calendar), nameof(Calendar.DayOfWeek), args)
                : Static(typeof(Calendar), nameof(Calendar.DayOfWeek), [args[0], _frame]),
            BuiltinFunction.HourOfDay => Static(typeof(Calendar), nameof(Calendar.HourOfDay), [args[0], _frame]),
            BuiltinFunction.Abs => args[0].Type == typeof(decimal?)
                ? WhenPresent(args, resultType, v => Expression.Call(ClrTypes.Method(typeof(Math), nameof(Math.Abs), typeof(decimal)), v[0]))
                : WhenPresent(args, resultType, v => Expression.Call(ClrTypes.Method(typeof(Arithmetic), nameof(Arithmetic.Abs), typeof(TimeSpan)), v[0])),
            BuiltinFunction.Round => Static(typeof(Arithmetic), nameof(Arithmetic.Round),
                [args[0], args.Length > 1 ? args[1] : Expression.Constant(0m, typeof(decimal?))]),
            _ => throw new InvalidOperationException($"No compiler for function {call.Function}."),
        };
    }

    private static Expression Static(Type type, string name, Expression[] args) =>
        Expression.Call(ClrTypes.Method(type, name, [.. args.Select(a => a.Type)]), args);
}

/// <summary>min, max and coalesce over values: nulls are skipped.</summary>
internal static class Extremes
{
    public static Value Min(Value a, Value b) => a.IsNull ? b : b.IsNull ? a : ValueOrder.Compare(b, a) < 0 ? b : a;
    public static Value Max(Value a, Value b) => a.IsNull ? b : b.IsNull ? a : ValueOrder.Compare(b, a) > 0 ? b : a;
    public static Value Coalesce(Value a, Value b) => a.IsNull ? b : a;
}
