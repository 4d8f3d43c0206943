using System.Linq.Expressions;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.Language;
using RetailTagging.Language.Ast;
using RetailTagging.Language.Binding;

namespace RetailTagging.EntityFrameworkCore.PushDown;

/// <summary>
/// Translates a bound tree into a predicate over <see cref="CustomerRow"/>. The bound tree gives the
/// types; the syntax tree, walked alongside it, gives positions for problems. Every construct that
/// has no faithful SQL translation is reported and the translation goes on, so one run lists them all.
/// </summary>
internal sealed partial class PredicateTranslator
{
    private readonly TranslationScope _scope;
    private readonly List<PushDownProblem> _problems = [];
    private readonly ConstantFolder _constants;
    private ParameterExpression? _event;
    private string _eventType = "";

    private PredicateTranslator(TranslationScope scope)
    {
        _scope = scope;
        _constants = new ConstantFolder(scope.AsOf, scope.Zone);
    }

    /// <summary>The predicate "the expression holds" (bool) or "the expression has a value" (other types), or the problems.</summary>
    public static Expression<Func<CustomerRow, bool>>? Translate(BoundExpr bound, Expr syntax, TranslationScope scope, out IReadOnlyList<PushDownProblem> problems)
    {
        var translator = new PredicateTranslator(scope);
        Expression? body;
        if (bound.Type.Kind is TypeKind.Bool or TypeKind.Null) body = translator.Condition(bound, syntax)?.WhenTrue;
        else body = translator.Value(bound, syntax) is { } value ? value.NotNullTest ?? Expression.Constant(true) : null;
        problems = translator._problems;
        return body is null || translator._problems.Count > 0 ? null : Expression.Lambda<Func<CustomerRow, bool>>(body, scope.Customer);
    }

    private T? Problem<T>(Expr at, string construct, string reason) where T : class
    {
        // A construct may be tried twice (a grouped aggregate comparison falls back to the correlated form): report it once.
        var problem = new PushDownProblem(construct, reason, at.Location.Position);
        if (!_problems.Contains(problem)) _problems.Add(problem);
        return null;
    }

    // ---- Conditions (bool) ----

    private SqlCondition? Condition(BoundExpr bound, Expr syntax)
    {
        if (_constants.IsConstant(bound))
        {
            var value = _constants.Evaluate(bound);
            return value.AsBool is { } b ? b ? SqlCondition.True : SqlCondition.False : SqlCondition.Null;
        }
        switch (bound)
        {
            case BoundUnary { Operator: UnaryOperator.Not } not:
                return Condition(not.Operand, (syntax as UnaryExpr)?.Operand ?? syntax)?.Negate();
            case BoundBinary { Operator: BinaryOperator.And or BinaryOperator.Or } logic:
            {
                var binary = syntax as BinaryExpr;
                var left = Condition(logic.Left, binary?.Left ?? syntax);
                var right = Condition(logic.Right, binary?.Right ?? syntax);
                if (left is null || right is null) return null;
                return logic.Operator == BinaryOperator.And ? SqlCondition.AndAlso(left, right) : SqlCondition.OrElse(left, right);
            }
            case BoundBinary comparison when TypeRules.IsComparison(comparison.Operator):
                return Comparison(comparison, syntax);
            case BoundBetween between:
                return Between(between, syntax);
            case BoundIn @in:
                return In(@in, syntax);
            case BoundIsNull isNull:
                return IsNull(isNull, syntax);
            case BoundTagReference reference:
                return TagHolds(reference);
            case BoundAggregate { Spec.Kind: AggregateKind.Exists } exists:
                return Aggregate(exists.Spec, syntax as AggregateExpr ?? syntax) is { } any ? SqlCondition.Definite(any.Expression) : null;
            case BoundCall { Function: BuiltinFunction.Contains or BuiltinFunction.StartsWith or BuiltinFunction.EndsWith } call:
                return StringTest(call, syntax);
        }
        // Anything else that is bool (case, coalesce, min/max of bools...) goes through a bool? value.
        return Value(bound, syntax) is { } nullable ? SqlCondition.FromNullableBool(nullable.Expression) : null;
    }

    private SqlCondition? IsNull(BoundIsNull isNull, Expr syntax)
    {
        var operandSyntax = (syntax as IsNullExpr)?.Value ?? syntax;
        SqlCondition? result;
        if (isNull.Value.Type.Kind == TypeKind.Bool)
        {
            var operand = Condition(isNull.Value, operandSyntax);
            result = operand is null ? null : SqlCondition.Definite(SqlCondition.And(SqlCondition.Not(operand.WhenTrue), SqlCondition.Not(operand.WhenFalse)));
        }
        else
        {
            var value = Value(isNull.Value, operandSyntax);
            result = value is null ? null
                : value.IsNullConstant ? SqlCondition.True
                : value.NotNullTest is { } notNull ? SqlCondition.Definite(SqlCondition.Not(notNull))
                : SqlCondition.False;
        }
        return isNull.Negated ? result?.Negate() : result;
    }

    private SqlCondition? StringTest(BoundCall call, Expr syntax)
    {
        var arguments = (syntax as CallExpr)?.Arguments;
        var text = Value(call.Arguments[0], arguments?[0] ?? syntax);
        var part = Value(call.Arguments[1], arguments?[1] ?? syntax);
        if (text is null || part is null) return null;
        if (text.IsNullConstant || part.IsNullConstant) return SqlCondition.Null;
        var method = typeof(string).GetMethod(call.Function switch
        {
            BuiltinFunction.Contains => nameof(string.Contains),
            BuiltinFunction.StartsWith => nameof(string.StartsWith),
            _ => nameof(string.EndsWith),
        }, [typeof(string)])!;
        return SqlCondition.Guarded([text.NotNullTest, part.NotNullTest], Expression.Call(text.Expression, method, part.Expression));
    }

    // ---- Values ----

    private SqlValue? Value(BoundExpr bound, Expr syntax)
    {
        if (_constants.IsConstant(bound)) return ConstantFolder.ToSql(_constants.Evaluate(bound), bound.Type);
        switch (bound)
        {
            case BoundAttribute attribute:
                return Attribute(attribute.Attribute, syntax);
            case BoundEventField field:
                return _event is null ? Problem<SqlValue>(syntax, syntax.ToString(), "an event field outside an aggregate") : EventField(_event, _eventType, field.Property, syntax);
            case BoundTagReference reference:
                return TagValue(reference);
            case BoundScore:
                return Problem<SqlValue>(syntax, syntax.ToString(), "model scores are passed in by the host at evaluation time and are not stored in the database");
            case BoundAggregate aggregate:
                return Aggregate(aggregate.Spec, syntax as AggregateExpr ?? syntax);
            case BoundDateToInstant:
                return Problem<SqlValue>(syntax, syntax.ToString(),
                    "a date column compared or combined with an instant is widened to midnight in the business time zone, which is not translated; compare it with a date instead");
            case BoundUnary { Operator: UnaryOperator.Negate } negate when negate.Type.Kind == TypeKind.Number:
            {
                var operand = Value(negate.Operand, (syntax as UnaryExpr)?.Operand ?? syntax);
                return operand is null ? null : operand with { Expression = Expression.Negate(Decimal(operand)), Constant = null };
            }
            case BoundBinary binary when !TypeRules.IsComparison(binary.Operator) && binary.Operator is not (BinaryOperator.And or BinaryOperator.Or):
                return Arithmetic(binary, syntax);
            case BoundCase @case:
                return Case(@case, syntax);
            case BoundCall call:
                return Call(call, syntax);
            case BoundList:
                return Problem<SqlValue>(syntax, syntax.ToString(), "a list is translated only as the right-hand side of 'in'");
        }
        if (bound.Type.Kind == TypeKind.Bool && Condition(bound, syntax) is { } condition)
            return new SqlValue(condition.ToNullableBool(), TypeKind.Bool, CanBeNull: true);
        return bound.Type.Kind == TypeKind.Bool ? null : Problem<SqlValue>(syntax, syntax.ToString(), "this construct has no SQL translation");
    }

    private SqlValue? Arithmetic(BoundBinary binary, Expr syntax)
    {
        var symbol = OperatorText.Of(binary.Operator);
        var parts = syntax as BinaryExpr;
        if (binary.Type.Kind != TypeKind.Number || binary.Operator is BinaryOperator.Divide or BinaryOperator.Modulo)
        {
            var why = binary.Type.Kind != TypeKind.Number
                ? $"'{symbol}' on {binary.Left.Type} and {binary.Right.Type} is evaluated only when both sides are constants"
                : $"'{symbol}' gives null on a zero divisor in the language but an error in SQL; divide on the other side of the comparison instead";
            return Problem<SqlValue>(syntax, $"{symbol}", why);
        }
        var left = Value(binary.Left, parts?.Left ?? syntax);
        var right = Value(binary.Right, parts?.Right ?? syntax);
        if (left is null || right is null) return null;
        var l = Decimal(left);
        var r = Decimal(right);
        var result = binary.Operator switch
        {
            BinaryOperator.Add => Expression.Add(l, r),
            BinaryOperator.Subtract => Expression.Subtract(l, r),
            _ => Expression.Multiply(l, r),
        };
        return new SqlValue(result, TypeKind.Number, left.CanBeNull || right.CanBeNull);
    }

    /// <summary>A number as <c>decimal?</c> (counts and ages are <c>int?</c> until they meet a decimal).</summary>
    private static Expression Decimal(SqlValue value) =>
        value.Expression.Type == typeof(decimal?) ? value.Expression : Expression.Convert(value.Expression, typeof(decimal?));

    private SqlValue? Case(BoundCase @case, Expr syntax)
    {
        var caseSyntax = syntax as CaseExpr;
        var conditions = new List<SqlCondition?>();
        var results = new List<SqlValue?>();
        for (var i = 0; i < @case.Branches.Length; i++)
        {
            var branch = caseSyntax is not null && i < caseSyntax.Branches.Count ? caseSyntax.Branches[i] : null;
            conditions.Add(Condition(@case.Branches[i].Condition, branch?.Condition ?? syntax));
            results.Add(Value(@case.Branches[i].Result, branch?.Result ?? syntax));
        }
        var @else = Value(@case.Else, caseSyntax?.Else ?? syntax);
        if (@else is null || conditions.Any(c => c is null) || results.Any(r => r is null)) return null;
        var all = results.Append(@else).Cast<SqlValue>().ToList();
        var type = CommonClrType(all);
        var expression = Convert(@else, type);
        for (var i = conditions.Count - 1; i >= 0; i--)
            expression = Expression.Condition(conditions[i]!.WhenTrue, Convert(results[i]!, type), expression);
        return new SqlValue(expression, @case.Type.Kind, all.Any(v => v.CanBeNull));
    }

    private static Type CommonClrType(IReadOnlyList<SqlValue> values) =>
        values.Any(v => v.Expression.Type == typeof(decimal?)) && values.Any(v => v.Expression.Type == typeof(int?)) ? typeof(decimal?)
        : values.FirstOrDefault(v => !v.IsNullConstant)?.Expression.Type ?? values[0].Expression.Type;

    private static Expression Convert(SqlValue value, Type type) =>
        value.Expression.Type == type ? value.Expression
        : value.IsNullConstant ? Expression.Constant(null, type)
        : Expression.Convert(value.Expression, type);

    private SqlValue? Call(BoundCall call, Expr syntax)
    {
        var callSyntax = syntax as CallExpr;
        Expr ArgumentSyntax(int i) => callSyntax is not null && i < callSyntax.Arguments.Count ? callSyntax.Arguments[i] : syntax;
        var name = (callSyntax?.Function ?? call.Function.ToString()) + "()";
        switch (call.Function)
        {
            case BuiltinFunction.Coalesce:
            {
                var arguments = call.Arguments.Select((a, i) => Value(a, ArgumentSyntax(i))).ToList();
                if (arguments.Any(a => a is null)) return null;
                var values = arguments.Cast<SqlValue>().Where(a => !a.IsNullConstant).ToList();
                if (values.Count == 0) return arguments[0];
                var type = CommonClrType(values);
                var expression = Convert(values[^1], type);
                for (var i = values.Count - 2; i >= 0; i--) expression = Expression.Coalesce(Convert(values[i], type), expression);
                return new SqlValue(expression, call.Type.Kind, values.All(v => v.CanBeNull));
            }
            case BuiltinFunction.AgeYears:
                return Value(call.Arguments[0], ArgumentSyntax(0)) is { } birthDate ? Age(birthDate) : null;
            case BuiltinFunction.DaysSince:
                return Problem<SqlValue>(syntax, name, "days_since() is translated only when compared with a constant, e.g. days_since(last(purchase).at) > 90");
            case BuiltinFunction.Lower or BuiltinFunction.Upper:
                return Problem<SqlValue>(syntax, name, "the language maps case with the invariant culture; SQL lower/upper differ outside ASCII (SQLite maps only ASCII)");
            case BuiltinFunction.Length:
                return Problem<SqlValue>(syntax, name, "the language counts UTF-16 code units; SQL length counts characters");
            default:
                return Problem<SqlValue>(syntax, name, "this function is not translated to SQL");
        }
    }
}
