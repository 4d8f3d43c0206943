using System.Collections.Immutable;
using RetailTagging.Diagnostics;
using RetailTagging.Language.Ast;

namespace RetailTagging.Language.Binding;

/// <summary>
/// Resolves names against the schema and checks types, producing a bound tree. It reports every
/// error it finds and goes on: an ill-typed node binds to a null of "any" type, so one mistake
/// does not cascade into a page of errors.
/// </summary>
internal sealed class Binder
{
    private readonly BindingContext _context;
    private bool _hasErrors;

    private Binder(BindingContext context) => _context = context;

    /// <summary>Binds <paramref name="expr"/>; returns null when it has errors (all of them reported).</summary>
    public static BoundExpr? Bind(Expr expr, BindingContext context)
    {
        var binder = new Binder(context);
        var bound = binder.BindExpr(expr, eventScope: null);
        return binder._hasErrors ? null : bound;
    }

    private static BoundExpr Error => new BoundLiteral(Value.Null, TagType.Null);

    private BoundExpr Report(DiagnosticDescriptor descriptor, Expr at, params object?[] args)
    {
        _context.Diagnostics.Add(descriptor.At(at.Location.Position, args));
        _hasErrors = true;
        return Error;
    }

    private BoundExpr BindExpr(Expr expr, string? eventScope) => expr switch
    {
        LiteralExpr literal => new BoundLiteral(literal.Value, TypeOf(literal.Value)),
        ListExpr list => BindList(list, eventScope),
        NameExpr name => BindName(name, eventScope),
        MemberExpr member => BindMember(member, eventScope),
        TagReferenceExpr reference => BindTagReference(reference, eventScope),
        UnaryExpr unary => BindUnary(unary, eventScope),
        BinaryExpr binary => BindBinary(binary, eventScope),
        BetweenExpr between => BindBetween(between, eventScope),
        InExpr @in => BindIn(@in, eventScope),
        IsNullExpr isNull => new BoundIsNull(BindExpr(isNull.Value, eventScope), isNull.Negated),
        CaseExpr @case => BindCase(@case, eventScope),
        CallExpr call => BindCall(call, eventScope),
        AggregateExpr aggregate => BindAggregate(aggregate, eventScope),
        _ => throw new InvalidOperationException($"Unknown node {expr.GetType().Name}."),
    };

    private static TagType TypeOf(Value value) => value.Kind switch
    {
        TypeKind.List => TagType.ListOf(value.AsList.Length > 0 ? TypeOf(value.AsList[0]) : TagType.Null),
        TypeKind.Bool => TagType.Bool,
        TypeKind.Number => TagType.Number,
        TypeKind.String => TagType.String,
        TypeKind.Instant => TagType.Instant,
        TypeKind.Date => TagType.Date,
        TypeKind.Duration => TagType.Duration,
        _ => TagType.Null,
    };

    private BoundExpr BindList(ListExpr list, string? eventScope)
    {
        var items = list.Items.Select(i => BindExpr(i, eventScope)).ToImmutableArray();
        var element = TagType.Null;
        for (var i = 0; i < items.Length; i++)
        {
            var unified = TypeRules.Unify(element, items[i].Type);
            if (unified is null || !(unified.IsScalar || unified.Kind == TypeKind.Null))
                return Report(DiagnosticCodes.ListElementType, list.Items[i], i + 1, items[i].Type, element);
            element = unified;
        }
        return new BoundList([.. items.Select(i => Widen(i, element))], TagType.ListOf(element));
    }

    private BoundExpr BindName(NameExpr name, string? eventScope)
    {
        if (eventScope is not null)
        {
            if (_context.Schema.FindProperty(eventScope, name.Name) is { } property)
            {
                _context.Used.Add($"{eventScope}.{name.Name}");
                return new BoundEventField(property);
            }
            return Report(DiagnosticCodes.UnknownEventProperty, name, eventScope, name.Name,
                NameSuggester.Hint(name.Name, _context.Schema.PropertyNames(eventScope)));
        }
        if (TagSchema.BuiltInEventFields.Any(f => f.Name == name.Name))
            return Report(DiagnosticCodes.FieldOutsideFilter, name, name.Name);
        var candidates = _context.Schema.Attributes.Keys.Select(a => "customer." + a)
            .Concat(_context.AllTagNames.Select(t => "@" + t))
            .Concat(_context.Schema.EventTypes.Keys.Select(t => $"exists({t})"));
        var hint = _context.Schema.Attributes.ContainsKey(name.Name) ? $"; did you mean 'customer.{name.Name}'?"
            : _context.AllTagNames.Contains(name.Name) ? $"; did you mean '@{name.Name}'?"
            : NameSuggester.Hint(name.Name, candidates);
        return Report(DiagnosticCodes.UnknownName, name, name.Name, hint);
    }

    private BoundExpr BindMember(MemberExpr member, string? eventScope)
    {
        if (member.Target == "customer")
        {
            if (_context.Schema.Attributes.TryGetValue(member.Member, out var attribute))
            {
                _context.Used.Add(attribute.Name);
                return new BoundAttribute(attribute);
            }
            return Report(DiagnosticCodes.UnknownAttribute, member, member.Member, NameSuggester.Hint(member.Member, _context.Schema.Attributes.Keys));
        }
        // Inside "where", the aggregated event may be named by its type: purchase.amount.
        if (eventScope is not null && member.Target == eventScope)
            return BindName(new NameExpr(member.Member) { Location = member.Location }, eventScope);
        if (_context.Schema.EventTypes.ContainsKey(member.Target))
            return Report(DiagnosticCodes.FieldOutsideFilter, member, $"{member.Target}.{member.Member}");
        var hint = NameSuggester.Hint(member.Target, _context.Schema.EventTypes.Keys.Append("customer"));
        return Report(DiagnosticCodes.UnknownName, member, member.Target, hint);
    }

    private BoundExpr BindTagReference(TagReferenceExpr reference, string? eventScope)
    {
        if (eventScope is not null) return Report(DiagnosticCodes.TagReferenceInFilter, reference);
        if (_context.Tags.TryGetValue(reference.Tag, out var tag))
        {
            _context.Used.Add("@" + reference.Tag);
            return new BoundTagReference(reference.Tag, tag.Index, tag.Type);
        }
        var suggestion = NameSuggester.Suggest(reference.Tag, _context.AllTagNames);
        return Report(DiagnosticCodes.UnknownTag, reference, reference.Tag, suggestion is null ? "" : $"; did you mean '@{suggestion}'?");
    }

    private BoundExpr BindUnary(UnaryExpr unary, string? eventScope)
    {
        var operand = BindExpr(unary.Operand, eventScope);
        if (unary.Operator == UnaryOperator.Not)
            return operand.Type.Kind is TypeKind.Bool or TypeKind.Null
                ? new BoundUnary(UnaryOperator.Not, operand, TagType.Bool)
                : Report(DiagnosticCodes.OperatorTypeMismatch, unary, "not", operand.Type);
        return operand.Type.Kind is TypeKind.Number or TypeKind.Duration or TypeKind.Null
            ? new BoundUnary(UnaryOperator.Negate, operand, operand.Type.Kind == TypeKind.Null ? TagType.Number : operand.Type)
            : Report(DiagnosticCodes.OperatorTypeMismatch, unary, "-", operand.Type);
    }

    private BoundExpr BindBinary(BinaryExpr binary, string? eventScope)
    {
        var left = BindExpr(binary.Left, eventScope);
        var right = BindExpr(binary.Right, eventScope);
        var symbol = OperatorText.Of(binary.Operator);
        if (binary.Operator is BinaryOperator.And or BinaryOperator.Or)
        {
            return left.Type.Kind is TypeKind.Bool or TypeKind.Null && right.Type.Kind is TypeKind.Bool or TypeKind.Null
                ? new BoundBinary(binary.Operator, left, right, TagType.Bool)
                : Report(DiagnosticCodes.OperatorTypeMismatch, binary, symbol, $"{left.Type} and {right.Type}");
        }
        if (TypeRules.IsComparison(binary.Operator))
        {
            if (IsNullLiteral(binary.Left) || IsNullLiteral(binary.Right))
                _context.Diagnostics.Add(DiagnosticCodes.ComparisonWithNull.At(binary.Location.Position, symbol));
            var unified = TypeRules.Unify(left.Type, right.Type);
            var ordering = binary.Operator is not (BinaryOperator.Equal or BinaryOperator.NotEqual);
            if (unified is null || unified.Kind == TypeKind.List || (ordering && unified.Kind != TypeKind.Null && !unified.IsOrdered))
                return Report(DiagnosticCodes.OperatorTypeMismatch, binary, symbol, $"{left.Type} and {right.Type}");
            return new BoundBinary(binary.Operator, Widen(left, unified), Widen(right, unified), TagType.Bool);
        }
        var result = TypeRules.Arithmetic(binary.Operator, left.Type, right.Type);
        if (result is null)
            return Report(DiagnosticCodes.OperatorTypeMismatch, binary, symbol, $"{left.Type} and {right.Type}");
        return new BoundBinary(binary.Operator, WidenDate(left), WidenDate(right), result);
    }

    private static bool IsNullLiteral(Expr expr) => expr is LiteralExpr { Value.IsNull: true };

    private BoundExpr BindBetween(BetweenExpr between, string? eventScope)
    {
        var value = BindExpr(between.Value, eventScope);
        var low = BindExpr(between.Low, eventScope);
        var high = BindExpr(between.High, eventScope);
        var unified = TypeRules.Unify(value.Type, low.Type) is { } t ? TypeRules.Unify(t, high.Type) : null;
        if (unified is null || (unified.Kind != TypeKind.Null && !unified.IsOrdered))
            return Report(DiagnosticCodes.OperatorTypeMismatch, between, "between", $"{value.Type}, {low.Type} and {high.Type}");
        return new BoundBetween(Widen(value, unified), Widen(low, unified), Widen(high, unified), between.Negated);
    }

    private BoundExpr BindIn(InExpr @in, string? eventScope)
    {
        var value = BindExpr(@in.Value, eventScope);
        var list = BindExpr(@in.List, eventScope);
        if (list.Type.Kind == TypeKind.Null) return new BoundIn(value, list, @in.Negated);
        if (list.Type.Kind != TypeKind.List || TypeRules.Unify(value.Type, list.Type.Element!) is not { } unified || unified.Kind == TypeKind.List)
            return Report(DiagnosticCodes.OperatorTypeMismatch, @in, "in", $"{value.Type} and {list.Type}");
        if (unified.Kind == TypeKind.Instant && list.Type.Element!.Kind == TypeKind.Date)
        {
            // An instant is compared with dates as with ==: each date widens to its midnight.
            if (list is not BoundList items)
                return Report(DiagnosticCodes.OperatorTypeMismatch, @in, "in", $"{value.Type} and {list.Type}");
            list = new BoundList([.. items.Items.Select(i => Widen(i, unified))], TagType.ListOf(unified));
        }
        return new BoundIn(Widen(value, unified), list, @in.Negated);
    }

    private BoundExpr BindCase(CaseExpr @case, string? eventScope)
    {
        var branches = ImmutableArray.CreateBuilder<(BoundExpr, BoundExpr)>();
        var type = TagType.Null;
        foreach (var branch in @case.Branches)
        {
            var condition = RequireBool(BindExpr(branch.Condition, eventScope), branch.Condition, "a 'when' condition");
            var result = BindExpr(branch.Result, eventScope);
            type = UnifyBranches(type, result, branch.Result);
            branches.Add((condition, result));
        }
        var @else = @case.Else is null ? new BoundLiteral(Value.Null, TagType.Null) : BindExpr(@case.Else, eventScope);
        if (@case.Else is not null) type = UnifyBranches(type, @else, @case.Else);
        return new BoundCase([.. branches.Select(b => (b.Item1, Widen(b.Item2, type)))], Widen(@else, type), type);
    }

    private TagType UnifyBranches(TagType type, BoundExpr result, Expr at)
    {
        if (TypeRules.Unify(type, result.Type) is { } unified) return unified;
        Report(DiagnosticCodes.IncompatibleBranches, at, type, result.Type);
        return type;
    }

    private BoundExpr RequireBool(BoundExpr bound, Expr at, string what) =>
        bound.Type.Kind is TypeKind.Bool or TypeKind.Null ? bound : Report(DiagnosticCodes.ConditionNotBool, at, what, bound.Type);

    private BoundExpr BindCall(CallExpr call, string? eventScope)
    {
        if (call.Function == "score") return BindScore(call);
        if (OperatorText.Aggregates.ContainsKey(call.Function) && !FunctionSignatures.ByName.ContainsKey(call.Function))
            return Report(DiagnosticCodes.WrongArgumentCount, call, call.Function, $"an event type, e.g. {call.Function}(purchase.amount within 30d)", $"{call.Arguments.Count} argument(s)");
        if (!FunctionSignatures.ByName.TryGetValue(call.Function, out var signature))
            return Report(DiagnosticCodes.UnknownFunction, call, call.Function, NameSuggester.Hint(call.Function, FunctionSignatures.CallableNames));
        var arguments = call.Arguments.Select(a => BindExpr(a, eventScope)).ToImmutableArray();
        var check = signature.Check([.. arguments.Select(a => a.Type)]);
        if (check.Type is null)
        {
            return check.BadArgument == -2
                ? Report(DiagnosticCodes.WrongArgumentCount, call, signature.Name, signature.Arity, arguments.Length)
                : Report(DiagnosticCodes.ArgumentTypeMismatch, call.Arguments[check.BadArgument], check.BadArgument + 1, signature.Name, check.Expected, arguments[check.BadArgument].Type);
        }
        var widened = signature.Function is BuiltinFunction.Min or BuiltinFunction.Max or BuiltinFunction.Coalesce
            ? [.. arguments.Select(a => Widen(a, check.Type))]
            : arguments;
        return new BoundCall(signature.Function, widened, check.Type);
    }

    private BoundExpr BindScore(CallExpr call)
    {
        if (call.Arguments is not [LiteralExpr { Value.Kind: TypeKind.String } literal])
            return Report(DiagnosticCodes.ScoreNameNotLiteral, call);
        var name = literal.Value.AsString!;
        if (!_context.Schema.Scores.Contains(name))
            return Report(DiagnosticCodes.UnknownScore, call, name, NameSuggester.Hint(name, _context.Schema.Scores));
        _context.Used.Add("score:" + name);
        return new BoundScore(name);
    }

    private BoundExpr BindAggregate(AggregateExpr aggregate, string? eventScope)
    {
        if (eventScope is not null) return Report(DiagnosticCodes.NestedAggregate, aggregate);
        var name = OperatorText.Of(aggregate.Kind);
        if (!_context.Schema.EventTypes.ContainsKey(aggregate.EventType))
        {
            // Bind the filter anyway against the built-in fields so its own errors are found too.
            return Report(DiagnosticCodes.UnknownEventType, aggregate, aggregate.EventType, NameSuggester.Hint(aggregate.EventType, _context.Schema.EventTypes.Keys));
        }
        _context.Used.Add(aggregate.EventType);
        PropertyDefinition? property = null;
        if (aggregate.Property is not null)
        {
            property = _context.Schema.FindProperty(aggregate.EventType, aggregate.Property);
            if (property is null)
                return Report(DiagnosticCodes.UnknownEventProperty, aggregate, aggregate.EventType, aggregate.Property, NameSuggester.Hint(aggregate.Property, _context.Schema.PropertyNames(aggregate.EventType)));
            _context.Used.Add($"{aggregate.EventType}.{aggregate.Property}");
        }
        var needs = aggregate.Kind switch
        {
            AggregateKind.Sum or AggregateKind.Avg => property?.Type.Kind == TypeKind.Number ? null : "number",
            AggregateKind.Min or AggregateKind.Max => property is { Type.IsOrdered: true } ? null : "ordered (number, string, instant, date or duration)",
            AggregateKind.First or AggregateKind.Last or AggregateKind.DistinctCount => property is { Type.IsScalar: true } ? null : "scalar",
            _ => null,
        };
        if (needs is not null) return Report(DiagnosticCodes.AggregateNeedsProperty, aggregate, name, needs, aggregate.EventType);
        TimeSpan? window = null;
        if (!aggregate.Window.IsNull)
        {
            window = aggregate.Window.AsDuration;
            if (window is not { Ticks: > 0 }) return Report(DiagnosticCodes.InvalidWindow, aggregate, aggregate.Window);
        }
        BoundExpr? filter = null;
        if (aggregate.Filter is not null)
        {
            var before = _hasErrors;
            filter = RequireBool(BindExpr(aggregate.Filter, aggregate.EventType), aggregate.Filter, "a 'where' filter");
            if (_hasErrors && !before) return Error;
        }
        var type = aggregate.Kind switch
        {
            AggregateKind.Count or AggregateKind.DistinctCount or AggregateKind.Sum or AggregateKind.Avg => TagType.Number,
            AggregateKind.Exists => TagType.Bool,
            _ => property!.Type,
        };
        var key = ExpressionPrinterKey(aggregate);
        var spec = _context.Aggregates.GetOrAdd(key, slot => new AggregateSpec(slot, key, aggregate.Kind, aggregate.EventType, property, filter, window, type));
        return new BoundAggregate(spec);
    }

    // Canonical text identifies an aggregate: first(purchase).at and first(purchase.at) are one.
    private static string ExpressionPrinterKey(AggregateExpr aggregate) => aggregate.ToString();

    private static BoundExpr WidenDate(BoundExpr expr) =>
        expr.Type.Kind == TypeKind.Date ? new BoundDateToInstant(expr) : expr;

    /// <summary>Converts <paramref name="expr"/> to <paramref name="type"/> where the rules allow it implicitly.</summary>
    private static BoundExpr Widen(BoundExpr expr, TagType type)
    {
        if (expr.Type.Kind == TypeKind.Date && type.Kind == TypeKind.Instant) return new BoundDateToInstant(expr);
        // A null literal takes the type its context expects.
        if (expr is BoundLiteral { Value.IsNull: true } && type.Kind != TypeKind.Null) return new BoundLiteral(Value.Null, type);
        return expr;
    }
}
