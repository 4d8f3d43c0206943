using System.Collections.Immutable;
using RetailTagging.Language.Ast;
using RetailTagging.Language.Binding;

namespace RetailTagging.Language.Runtime;

/// <summary>
/// A plain tree-walking evaluator of bound trees: the oracle the compiler is tested against, and
/// the engine of constant folding and explanations. It computes every aggregate naively, by its
/// own walk over the events, independently of the fused aggregate pass.
/// </summary>
internal static class Interpreter
{
    public static Value Evaluate(BoundExpr expr, EvaluationFrame frame, CustomerEvent? current = null) => expr switch
    {
        BoundLiteral literal => literal.Value,
        BoundList list => Value.FromList([.. list.Items.Select(i => Evaluate(i, frame, current)).Where(v => !v.IsNull)]),
        BoundAttribute attribute => HostData.Attribute(frame.Customer, attribute.Attribute, frame),
        BoundEventField field => current is null ? Value.Null : HostData.EventField(current, field.Property),
        BoundTagReference reference => frame.Tags[reference.Index],
        BoundScore score => Value.From(HostData.Score(frame, score.Score)),
        BoundDateToInstant convert => Value.From(Calendar.StartOfDay(Evaluate(convert.Operand, frame, current).AsDate, frame)),
        BoundUnary unary => Unary(unary, Evaluate(unary.Operand, frame, current)),
        BoundBinary binary => Binary(binary, frame, current),
        BoundBetween between => Between(between, frame, current),
        BoundIn @in => In(@in, frame, current),
        BoundIsNull isNull => Value.FromBool(Evaluate(isNull.Value, frame, current).IsNull != isNull.Negated),
        BoundCase @case => Case(@case, frame, current),
        BoundCall call => Call(call, frame, current),
        BoundAggregate aggregate => Aggregate(aggregate.Spec, frame),
        _ => throw new InvalidOperationException($"Unknown node {expr.GetType().Name}."),
    };

    private static Value Unary(BoundUnary unary, Value operand) => (unary.Operator, operand.Kind) switch
    {
        (UnaryOperator.Not, TypeKind.Bool) => Value.FromBool(!operand.AsBool!.Value),
        (UnaryOperator.Negate, TypeKind.Number) => Value.From(Arithmetic.Negate(operand.AsNumber!.Value)),
        (UnaryOperator.Negate, TypeKind.Duration) => Value.From(Arithmetic.Negate(operand.AsDuration!.Value)),
        _ => Value.Null,
    };

    private static Value Binary(BoundBinary binary, EvaluationFrame frame, CustomerEvent? current)
    {
        var left = Evaluate(binary.Left, frame, current);
        switch (binary.Operator)
        {
            // Kleene logic: false and anything is false, true or anything is true; otherwise null wins.
            case BinaryOperator.And:
                if (left.AsBool == false) return Value.FromBool(false);
                var rightAnd = Evaluate(binary.Right, frame, current);
                if (rightAnd.AsBool == false) return Value.FromBool(false);
                return left.IsNull || rightAnd.IsNull ? Value.Null : Value.FromBool(true);
            case BinaryOperator.Or:
                if (left.AsBool == true) return Value.FromBool(true);
                var rightOr = Evaluate(binary.Right, frame, current);
                if (rightOr.AsBool == true) return Value.FromBool(true);
                return left.IsNull || rightOr.IsNull ? Value.Null : Value.FromBool(false);
        }
        var right = Evaluate(binary.Right, frame, current);
        if (left.IsNull || right.IsNull) return Value.Null;
        if (TypeRules.IsComparison(binary.Operator))
        {
            if (binary.Operator is BinaryOperator.Equal) return Value.FromBool(left.Equals(right));
            if (binary.Operator is BinaryOperator.NotEqual) return Value.FromBool(!left.Equals(right));
            var order = ValueOrder.Compare(left, right);
            return Value.FromBool(binary.Operator switch
            {
                BinaryOperator.Less => order < 0,
                BinaryOperator.LessOrEqual => order <= 0,
                BinaryOperator.Greater => order > 0,
                _ => order >= 0,
            });
        }
        return ArithmeticOf(binary.Operator, left, right);
    }

    private static Value ArithmeticOf(BinaryOperator op, Value left, Value right) => (op, left.Kind, right.Kind) switch
    {
        (BinaryOperator.Add, TypeKind.Number, _) => Value.From(Arithmetic.Add(left.AsNumber!.Value, right.AsNumber!.Value)),
        (BinaryOperator.Subtract, TypeKind.Number, _) => Value.From(Arithmetic.Subtract(left.AsNumber!.Value, right.AsNumber!.Value)),
        (BinaryOperator.Multiply, TypeKind.Number, TypeKind.Number) => Value.From(Arithmetic.Multiply(left.AsNumber!.Value, right.AsNumber!.Value)),
        (BinaryOperator.Divide, TypeKind.Number, _) => Value.From(Arithmetic.Divide(left.AsNumber!.Value, right.AsNumber!.Value)),
        (BinaryOperator.Modulo, TypeKind.Number, _) => Value.From(Arithmetic.Modulo(left.AsNumber!.Value, right.AsNumber!.Value)),
        (BinaryOperator.Add, TypeKind.String, _) => Value.FromString(Strings.Concat(left.AsString!, right.AsString!)),
        (BinaryOperator.Add, TypeKind.Instant, _) => Value.From(Arithmetic.Add(left.AsInstant!.Value, right.AsDuration!.Value)),
        (BinaryOperator.Add, TypeKind.Duration, TypeKind.Instant) => Value.From(Arithmetic.Add(right.AsInstant!.Value, left.AsDuration!.Value)),
        (BinaryOperator.Add, TypeKind.Duration, _) => Value.From(Arithmetic.Add(left.AsDuration!.Value, right.AsDuration!.Value)),
        (BinaryOperator.Subtract, TypeKind.Instant, TypeKind.Duration) => Value.From(Arithmetic.Subtract(left.AsInstant!.Value, right.AsDuration!.Value)),
        (BinaryOperator.Subtract, TypeKind.Instant, TypeKind.Instant) => Value.From(Arithmetic.Subtract(left.AsInstant!.Value, right.AsInstant!.Value)),
        (BinaryOperator.Subtract, TypeKind.Duration, _) => Value.From(Arithmetic.Subtract(left.AsDuration!.Value, right.AsDuration!.Value)),
        (BinaryOperator.Multiply, TypeKind.Duration, _) => Value.From(Arithmetic.Multiply(left.AsDuration!.Value, right.AsNumber!.Value)),
        (BinaryOperator.Multiply, TypeKind.Number, TypeKind.Duration) => Value.From(Arithmetic.Multiply(right.AsDuration!.Value, left.AsNumber!.Value)),
        (BinaryOperator.Divide, TypeKind.Duration, TypeKind.Number) => Value.From(Arithmetic.Divide(left.AsDuration!.Value, right.AsNumber!.Value)),
        (BinaryOperator.Divide, TypeKind.Duration, TypeKind.Duration) => Value.From(Arithmetic.Divide(left.AsDuration!.Value, right.AsDuration!.Value)),
        _ => Value.Null,
    };

    private static Value Between(BoundBetween between, EvaluationFrame frame, CustomerEvent? current)
    {
        var value = Evaluate(between.Value, frame, current);
        var low = Evaluate(between.Low, frame, current);
        var high = Evaluate(between.High, frame, current);
        if (value.IsNull || low.IsNull || high.IsNull) return Value.Null;
        var inside = ValueOrder.Compare(value, low) >= 0 && ValueOrder.Compare(value, high) <= 0;
        return Value.FromBool(inside != between.Negated);
    }

    private static Value In(BoundIn @in, EvaluationFrame frame, CustomerEvent? current)
    {
        var value = Evaluate(@in.Value, frame, current);
        var list = Evaluate(@in.List, frame, current);
        if (value.IsNull || list.IsNull) return Value.Null;
        return Value.FromBool(list.AsList.Contains(value) != @in.Negated);
    }

    private static Value Case(BoundCase @case, EvaluationFrame frame, CustomerEvent? current)
    {
        foreach (var (condition, result) in @case.Branches)
            if (Evaluate(condition, frame, current).IsTrue) return Evaluate(result, frame, current);
        return Evaluate(@case.Else, frame, current);
    }

    private static Value Call(BoundCall call, EvaluationFrame frame, CustomerEvent? current)
    {
        var args = call.Arguments.Select(a => Evaluate(a, frame, current)).ToArray();
        return call.Function switch
        {
            BuiltinFunction.Contains => Value.From(Strings.Contains(args[0].AsString, args[1].AsString)),
            BuiltinFunction.StartsWith => Value.From(Strings.StartsWith(args[0].AsString, args[1].AsString)),
            BuiltinFunction.EndsWith => Value.From(Strings.EndsWith(args[0].AsString, args[1].AsString)),
            BuiltinFunction.Lower => Value.FromString(Strings.Lower(args[0].AsString)),
            BuiltinFunction.Upper => Value.FromString(Strings.Upper(args[0].AsString)),
            BuiltinFunction.Length => args[0].Kind == TypeKind.List ? Value.FromNumber(args[0].AsList.Length) : Value.From(Strings.Length(args[0].AsString)),
            BuiltinFunction.Now => Value.FromInstant(frame.AsOf),
            BuiltinFunction.DaysSince => args[0].Kind == TypeKind.Date ? Value.From(Calendar.DaysSince(args[0].AsDate, frame)) : Value.From(Calendar.DaysSince(args[0].AsInstant, frame)),
            BuiltinFunction.DaysUntilBirthday => Value.From(Calendar.DaysUntilBirthday(args[0].AsDate, frame)),
            BuiltinFunction.AgeYears => Value.From(Calendar.AgeYears(args[0].AsDate, frame)),
            BuiltinFunction.DayOfWeek => args[0].Kind == TypeKind.Date ? Value.From(Calendar.DayOfWeek(args[0].AsDate)) : Value.From(Calendar.DayOfWeek(args[0].AsInstant, frame)),
            BuiltinFunction.HourOfDay => Value.From(Calendar.HourOfDay(args[0].AsInstant, frame)),
            BuiltinFunction.Abs => args[0].Kind == TypeKind.Duration ? Value.From(Arithmetic.Abs(args[0].AsDuration!.Value)) : Value.From(args[0].AsNumber is { } n ? Math.Abs(n) : null),
            BuiltinFunction.Round => Value.From(Arithmetic.Round(args[0].AsNumber, args.Length > 1 ? args[1].AsNumber : 0)),
            BuiltinFunction.Min => Extreme(args, -1),
            BuiltinFunction.Max => Extreme(args, 1),
            BuiltinFunction.Coalesce => args.FirstOrDefault(a => !a.IsNull),
            _ => Value.Null,
        };
    }

    // min/max ignore nulls, like SQL's LEAST/GREATEST in PostgreSQL.
    private static Value Extreme(Value[] args, int sign)
    {
        var best = Value.Null;
        foreach (var arg in args)
            if (!arg.IsNull && (best.IsNull || sign * ValueOrder.Compare(arg, best) > 0)) best = arg;
        return best;
    }

    /// <summary>The events an aggregate reads, with the value it reads from each.</summary>
    public static List<(CustomerEvent Event, Value Value)> Matching(AggregateSpec spec, EvaluationFrame frame)
    {
        var matching = new List<(CustomerEvent Event, Value Value)>();
        foreach (var e in frame.Events)
        {
            if (!string.Equals(e.Type, spec.EventType, StringComparison.Ordinal)) continue;
            if (!ValueOrder.InWindow(e, frame.AsOf, spec.Window)) continue;
            if (spec.Filter is not null && !Evaluate(spec.Filter, frame, e).IsTrue) continue;
            var value = spec.Property is null ? Value.FromBool(true) : HostData.EventField(e, spec.Property);
            if (value.IsNull) continue;
            matching.Add((e, value));
        }
        return matching;
    }

    /// <summary>One aggregate, computed by its own walk over the customer's events.</summary>
    public static Value Aggregate(AggregateSpec spec, EvaluationFrame frame)
    {
        var matching = Matching(spec, frame);
        var values = matching.Select(m => m.Value).ToList();
        return spec.Kind switch
        {
            AggregateKind.Count => Value.FromNumber(matching.Count),
            AggregateKind.Exists => Value.FromBool(matching.Count > 0),
            AggregateKind.Sum => Value.From(SumOf(values)),
            AggregateKind.Avg => values.Count == 0 ? Value.Null : SumOf(values) is { } sum ? Value.From(Arithmetic.Divide(sum, values.Count)) : Value.Null,
            AggregateKind.Min => values.Count == 0 ? Value.Null : values.Aggregate((a, b) => ValueOrder.Compare(b, a) < 0 ? b : a),
            AggregateKind.Max => values.Count == 0 ? Value.Null : values.Aggregate((a, b) => ValueOrder.Compare(b, a) > 0 ? b : a),
            AggregateKind.DistinctCount => Value.FromNumber(values.Distinct().Count()),
            AggregateKind.First => matching.Count == 0 ? Value.Null : matching.OrderBy(m => m.Event, Comparer<CustomerEvent>.Create(ValueOrder.CompareEvents)).First().Value,
            AggregateKind.Last => matching.Count == 0 ? Value.Null : matching.OrderBy(m => m.Event, Comparer<CustomerEvent>.Create(ValueOrder.CompareEvents)).Last().Value,
            _ => Value.Null,
        };
    }

    private static decimal? SumOf(List<Value> values)
    {
        decimal? sum = 0m;
        foreach (var value in values)
            sum = sum is { } s ? Arithmetic.Add(s, value.AsNumber!.Value) : null;
        return sum;
    }
}
