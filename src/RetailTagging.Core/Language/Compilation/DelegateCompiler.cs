using System.Collections.Immutable;
using System.Linq.Expressions;
using RetailTagging.Language.Ast;
using RetailTagging.Language.Binding;
using RetailTagging.Language.Runtime;

namespace RetailTagging.Language.Compilation;

/// <summary>
/// Compiles bound trees to delegates with System.Linq.Expressions. Values are typed CLR nullables;
/// conditions are compiled in "test" form, straight to plain booleans (see Tests.cs), which is
/// what makes a compiled predicate as fast as a hand-written lambda.
/// </summary>
internal sealed partial class DelegateCompiler
{
    private readonly ParameterExpression _frame = Expression.Parameter(typeof(EvaluationFrame), "frame");
    private readonly ParameterExpression? _event;

    private DelegateCompiler(bool eventScope)
    {
        if (eventScope) _event = Expression.Parameter(typeof(CustomerEvent), "e");
    }

    private Expression Customer => Expression.Field(_frame, nameof(EvaluationFrame.Customer));

    /// <summary>A delegate that returns the expression's value.</summary>
    public static Func<EvaluationFrame, Value> CompileValue(BoundExpr expr)
    {
        var compiler = new DelegateCompiler(eventScope: false);
        var body = compiler.CompileToValue(expr);
        return Expression.Lambda<Func<EvaluationFrame, Value>>(body, compiler._frame).Compile();
    }

    /// <summary>A delegate that says whether the expression is true (null and false are not).</summary>
    public static Func<EvaluationFrame, bool> CompilePredicate(BoundExpr expr)
    {
        var compiler = new DelegateCompiler(eventScope: false);
        return Expression.Lambda<Func<EvaluationFrame, bool>>(compiler.Test(expr, true), compiler._frame).Compile();
    }

    /// <summary>
    /// One delegate for several expressions: called with an index, it returns the value of
    /// expression <c>index - firstIndex</c>. Compiling a catalog's tags in a few such delegates
    /// instead of one each cuts compilation time severalfold: most of the cost of
    /// <see cref="LambdaExpression.Compile()"/> is per delegate, not per node.
    /// </summary>
    public static Func<EvaluationFrame, int, Value> CompileValues(IReadOnlyList<BoundExpr> exprs, int firstIndex)
    {
        var compiler = new DelegateCompiler(eventScope: false);
        var index = Expression.Parameter(typeof(int), "index");
        var cases = exprs.Select((expr, i) => Expression.SwitchCase(compiler.CompileToValue(expr), Expression.Constant(firstIndex + i)));
        var body = Expression.Switch(index, Expression.Default(typeof(Value)), [.. cases]);
        return Expression.Lambda<Func<EvaluationFrame, int, Value>>(body, compiler._frame, index).Compile();
    }

    /// <summary>Like <see cref="CompileValues"/> for conditions: whether expression <c>index - firstIndex</c> is true.</summary>
    public static Func<EvaluationFrame, int, bool> CompilePredicates(IReadOnlyList<BoundExpr> exprs, int firstIndex)
    {
        var compiler = new DelegateCompiler(eventScope: false);
        var index = Expression.Parameter(typeof(int), "index");
        var cases = exprs.Select((expr, i) => Expression.SwitchCase(compiler.Test(expr, true), Expression.Constant(firstIndex + i)));
        var body = Expression.Switch(index, Expression.Constant(false), [.. cases]);
        return Expression.Lambda<Func<EvaluationFrame, int, bool>>(body, compiler._frame, index).Compile();
    }

    /// <summary>
    /// The where filters of one event type's aggregates as one delegate: it sets <c>matched[i]</c> to
    /// whether filter i holds for the event, or false without evaluating it when the event's age is
    /// at least the filter's <c>MaxAge</c> (outside every window that uses it).
    /// </summary>
    public static Action<EvaluationFrame, CustomerEvent, long, bool[]> CompileFilters(IReadOnlyList<(BoundExpr Filter, long MaxAge)> filters)
    {
        var compiler = new DelegateCompiler(eventScope: true);
        var age = Expression.Parameter(typeof(long), "age");
        var matched = Expression.Parameter(typeof(bool[]), "matched");
        var assignments = filters.Select((f, i) =>
        {
            var test = compiler.Test(f.Filter, true);
            if (f.MaxAge != long.MaxValue) test = Expression.AndAlso(Expression.LessThan(age, Expression.Constant(f.MaxAge)), test);
            return (Expression)Expression.Assign(Expression.ArrayAccess(matched, Expression.Constant(i)), test);
        });
        var body = Expression.Block(typeof(void), assignments);
        return Expression.Lambda<Action<EvaluationFrame, CustomerEvent, long, bool[]>>(body, compiler._frame, compiler._event!, age, matched).Compile();
    }

    private Expression Compile(BoundExpr expr) => expr switch
    {
        BoundLiteral literal => ClrTypes.Constant(literal.Value, literal.Type),
        BoundList list => CompileList(list),
        BoundAttribute attribute => Attribute(attribute.Attribute),
        BoundEventField field => _event is null ? ClrTypes.Constant(Value.Null, field.Type) : EventField(field.Property),
        BoundTagReference reference => ClrTypes.FromValue(
            Expression.ArrayIndex(Expression.Field(_frame, nameof(EvaluationFrame.Tags)), Expression.Constant(reference.Index)), reference.Type),
        BoundScore score => Expression.Call(ClrTypes.Method(typeof(HostData), nameof(HostData.Score), typeof(EvaluationFrame), typeof(string)), _frame, Expression.Constant(score.Score)),
        BoundDateToInstant convert => Expression.Call(ClrTypes.Method(typeof(Calendar), nameof(Calendar.StartOfDay), typeof(DateOnly?), typeof(EvaluationFrame)), Compile(convert.Operand), _frame),
        BoundAggregate aggregate => ClrTypes.FromValue(AggregateSlot(aggregate), aggregate.Type),
        BoundUnary unary => CompileUnary(unary),
        BoundBinary { Operator: BinaryOperator.And or BinaryOperator.Or } logic => CompileLogic(logic),
        BoundBinary binary when TypeRules.IsComparison(binary.Operator) => AsNullableBool(binary),
        BoundBinary binary => CompileArithmetic(binary),
        BoundBetween or BoundIn => AsNullableBool(expr),
        BoundIsNull isNull => Expression.Convert(Test(isNull, true), typeof(bool?)),
        BoundCase @case => CompileCase(@case),
        BoundCall call => CompileCall(call),
        _ => throw new InvalidOperationException($"Unknown node {expr.GetType().Name}."),
    };

    /// <summary>
    /// The expression as a <see cref="Value"/>. A bare aggregate (a valued tag such as
    /// <c>count(purchase within 30d)</c>) is returned as stored: its slot holds a value of its type
    /// or null, so unwrapping it to a typed nullable and wrapping it again would give the same value.
    /// </summary>
    private Expression CompileToValue(BoundExpr expr) =>
        expr is BoundAggregate aggregate ? AggregateSlot(aggregate) : ClrTypes.ToValue(Compile(expr));

    private Expression AggregateSlot(BoundAggregate aggregate) =>
        Expression.ArrayIndex(Expression.Field(_frame, nameof(EvaluationFrame.Aggregates)), Expression.Constant(aggregate.Spec.Slot));

    private Expression CompileList(BoundList list)
    {
        if (list.Items.All(i => i is BoundLiteral))
            return Expression.Constant(Value.FromList([.. list.Items.Select(i => ((BoundLiteral)i).Value).Where(v => !v.IsNull)]));
        var items = list.Items.Select(i => ClrTypes.ToValue(Compile(i)));
        return Expression.Call(ClrTypes.Method(typeof(ListValues), nameof(ListValues.Create), typeof(Value[])), Expression.NewArrayInit(typeof(Value), items));
    }

    private Expression Attribute(AttributeDefinition attribute)
    {
        if (attribute.IsBuiltIn)
        {
            var customer = Customer;
            return attribute.Name switch
            {
                "id" => Expression.Property(customer, nameof(RetailTagging.Customer.Id)),
                "name" => Expression.Property(customer, nameof(RetailTagging.Customer.Name)),
                "gender" => Expression.Property(customer, nameof(RetailTagging.Customer.Gender)),
                "birth_date" => Expression.Property(customer, nameof(RetailTagging.Customer.BirthDate)),
                "age" => Expression.Call(ClrTypes.Method(typeof(Calendar), nameof(Calendar.AgeYears), typeof(DateOnly?), typeof(EvaluationFrame)),
                    Expression.Property(customer, nameof(RetailTagging.Customer.BirthDate)), _frame),
                "phone" => Expression.Property(customer, nameof(RetailTagging.Customer.Phone)),
                "email" => Expression.Property(customer, nameof(RetailTagging.Customer.Email)),
                "city" => Expression.Property(customer, nameof(RetailTagging.Customer.City)),
                "registered_at" => Expression.Property(customer, nameof(RetailTagging.Customer.RegisteredAt)),
                "member_level" => Expression.Property(customer, nameof(RetailTagging.Customer.MemberLevel)),
                _ => throw new InvalidOperationException($"No accessor for built-in attribute '{attribute.Name}'."),
            };
        }
        var value = Expression.Call(ClrTypes.Method(typeof(HostData), nameof(HostData.CachedAttribute), typeof(EvaluationFrame), typeof(string), typeof(TagType)),
            _frame, Expression.Constant(attribute.Name), Expression.Constant(attribute.Type));
        return ClrTypes.FromValue(value, attribute.Type);
    }

    private Expression EventField(PropertyDefinition property)
    {
        var e = _event!;
        if (property.IsBuiltIn)
        {
            return property.Name switch
            {
                "id" => Expression.Property(e, nameof(CustomerEvent.Id)),
                "type" => Expression.Property(e, nameof(CustomerEvent.Type)),
                "at" => Expression.Convert(Expression.Property(e, nameof(CustomerEvent.At)), typeof(DateTimeOffset?)),
                "channel" => Expression.Property(e, nameof(CustomerEvent.Channel)),
                "store" => Expression.Property(e, nameof(CustomerEvent.Store)),
                "amount" => Expression.Property(e, nameof(CustomerEvent.Amount)),
                "sku" => Expression.Property(e, nameof(CustomerEvent.Sku)),
                "category" => Expression.Property(e, nameof(CustomerEvent.Category)),
                "brand" => Expression.Property(e, nameof(CustomerEvent.Brand)),
                "quantity" => Expression.Property(e, nameof(CustomerEvent.Quantity)),
                _ => throw new InvalidOperationException($"No accessor for built-in event field '{property.Name}'."),
            };
        }
        var value = Expression.Call(ClrTypes.Method(typeof(HostData), nameof(HostData.CustomProperty), typeof(CustomerEvent), typeof(string), typeof(TagType)),
            e, Expression.Constant(property.Name), Expression.Constant(property.Type));
        return ClrTypes.FromValue(value, property.Type);
    }

    private Expression CompileUnary(BoundUnary unary)
    {
        var operand = Compile(unary.Operand);
        if (unary.Operator == UnaryOperator.Not)
            return operand.Type == typeof(bool?) ? Expression.Not(operand) : Expression.Constant(null, typeof(bool?));
        var resultType = ClrTypes.Of(unary.Type);
        if (operand.Type == typeof(Value)) return Expression.Default(resultType);
        var argument = ClrTypes.Underlying(operand.Type);
        return WhenPresent([operand], resultType, values =>
            Expression.Call(ClrTypes.Method(typeof(Arithmetic), nameof(Arithmetic.Negate), argument), values[0]));
    }

    /// <summary>Kleene and/or in value form; the right side is evaluated only when it can matter.</summary>
    private Expression CompileLogic(BoundBinary logic)
    {
        var decisive = logic.Operator == BinaryOperator.Or;
        var left = Expression.Variable(typeof(bool?), "left");
        var right = Expression.Variable(typeof(bool?), "right");
        var decided = Expression.Constant(decisive, typeof(bool?));
        var body = Expression.Condition(
            Expression.Equal(left, decided),
            decided,
            Expression.Block([right],
                Expression.Assign(right, AsBool(Compile(logic.Right))),
                Expression.Condition(
                    Expression.Equal(right, decided),
                    decided,
                    Expression.Condition(
                        Expression.OrElse(Expression.Not(Expression.Property(left, "HasValue")), Expression.Not(Expression.Property(right, "HasValue"))),
                        Expression.Constant(null, typeof(bool?)),
                        Expression.Constant(!decisive, typeof(bool?))))));
        return Expression.Block([left], Expression.Assign(left, AsBool(Compile(logic.Left))), body);
    }

    private static Expression AsBool(Expression expr) =>
        expr.Type == typeof(bool?) ? expr : Expression.Constant(null, typeof(bool?));

    /// <summary>A condition in value form: null when an operand is null, else its truth.</summary>
    private Expression AsNullableBool(BoundExpr condition) =>
        Expression.Condition(Test(condition, true), Expression.Constant(true, typeof(bool?)),
            Expression.Condition(Test(condition, false), Expression.Constant(false, typeof(bool?)), Expression.Constant(null, typeof(bool?))));

    private Expression CompileArithmetic(BoundBinary binary)
    {
        var left = Compile(binary.Left);
        var right = Compile(binary.Right);
        var resultType = ClrTypes.Of(binary.Type);
        if (left.Type == typeof(Value) || right.Type == typeof(Value)) return Expression.Default(resultType);
        var l = ClrTypes.Underlying(left.Type);
        var r = ClrTypes.Underlying(right.Type);
        return WhenPresent([left, right], resultType, values =>
        {
            if (binary.Operator == BinaryOperator.Add && l == typeof(string))
                return Expression.Call(ClrTypes.Method(typeof(Strings), nameof(Strings.Concat), typeof(string), typeof(string)), values[0], values[1]);
            // duration + instant and number * duration swap to the one overload that exists.
            var swap = (binary.Operator == BinaryOperator.Add && l == typeof(TimeSpan) && r == typeof(DateTimeOffset))
                || (binary.Operator == BinaryOperator.Multiply && l == typeof(decimal) && r == typeof(TimeSpan));
            var (a, b) = swap ? (values[1], values[0]) : (values[0], values[1]);
            var name = binary.Operator switch
            {
                BinaryOperator.Add => nameof(Arithmetic.Add),
                BinaryOperator.Subtract => nameof(Arithmetic.Subtract),
                BinaryOperator.Multiply => nameof(Arithmetic.Multiply),
                BinaryOperator.Divide => nameof(Arithmetic.Divide),
                _ => nameof(Arithmetic.Modulo),
            };
            return Expression.Call(ClrTypes.Method(typeof(Arithmetic), name, a.Type, b.Type), a, b);
        });
    }

    private Expression CompileCase(BoundCase @case)
    {
        var type = ClrTypes.Of(@case.Type);
        Expression result = Coerce(Compile(@case.Else), type);
        foreach (var (condition, branch) in @case.Branches.Reverse())
            result = Expression.Condition(Test(condition, true), Coerce(Compile(branch), type), result);
        return result;
    }

    private static Expression Coerce(Expression expr, Type type) =>
        expr.Type == type ? expr
        : type == typeof(Value) ? ClrTypes.ToValue(expr)
        : expr.Type == typeof(Value) ? Expression.Default(type)
        : Expression.Convert(expr, type);

    /// <summary>
    /// Evaluates <paramref name="operands"/> once each into temporaries and, when all are present,
    /// the body over their unwrapped values; otherwise null of <paramref name="resultType"/>.
    /// </summary>
    private static Expression WhenPresent(Expression[] operands, Type resultType, Func<Expression[], Expression> body) =>
        WithOperands(operands, (present, values) =>
        {
            var computed = Coerce(body(values), resultType);
            return present is null ? computed : Expression.Condition(present, computed, Expression.Default(resultType));
        });

    /// <summary>
    /// The shared shape of null-propagating operations: each operand evaluated once into a
    /// temporary, unwrapped, and a test that all are present (null when every operand is a
    /// non-null literal, which needs neither temporary nor test).
    /// </summary>
    private static Expression WithOperands(Expression[] operands, Func<Expression?, Expression[], Expression> combine)
    {
        var variables = new List<ParameterExpression>();
        var assignments = new List<Expression>();
        var values = new Expression[operands.Length];
        Expression? present = null;
        for (var i = 0; i < operands.Length; i++)
        {
            Expression test;
            if (operands[i] is ConstantExpression constant)
            {
                // A literal null is never present; a literal value always is.
                values[i] = constant.Value is null ? Expression.Default(ClrTypes.Underlying(constant.Type)) : Expression.Constant(constant.Value, ClrTypes.Underlying(constant.Type));
                if (constant.Value is not null) continue;
                test = Expression.Constant(false);
            }
            else
            {
                var temp = Expression.Variable(operands[i].Type);
                variables.Add(temp);
                assignments.Add(Expression.Assign(temp, operands[i]));
                values[i] = ClrTypes.ValueOf(temp);
                test = ClrTypes.HasValue(temp);
            }
            present = present is null ? test : Expression.AndAlso(present, test);
        }
        var result = combine(present, values);
        return variables.Count == 0 ? result : Expression.Block(variables, assignments.Append(result));
    }
}

/// <summary>Builds list values at run time for lists with non-constant items.</summary>
internal static class ListValues
{
    public static Value Create(Value[] items) => Value.FromList([.. items.Where(v => !v.IsNull)]);

    public static bool Contains(Value list, Value item) => list.AsList.Contains(item);

    public static decimal? Length(Value list) => list.IsNull ? null : list.AsList.Length;
}
