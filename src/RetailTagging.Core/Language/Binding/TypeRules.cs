using RetailTagging.Language.Ast;

namespace RetailTagging.Language.Binding;

/// <summary>The operator typing rules, in one place.</summary>
internal static class TypeRules
{
    /// <summary>The common type of two operands, or null when they have none. Date widens to instant.</summary>
    public static TagType? Unify(TagType a, TagType b)
    {
        if (a.Kind == TypeKind.Null) return b;
        if (b.Kind == TypeKind.Null) return a;
        if (a.Equals(b)) return a;
        if (a.Kind is TypeKind.Date or TypeKind.Instant && b.Kind is TypeKind.Date or TypeKind.Instant) return TagType.Instant;
        return null;
    }

    /// <summary>The result type of an arithmetic operator, or null when it does not apply.</summary>
    public static TagType? Arithmetic(BinaryOperator op, TagType left, TagType right)
    {
        var l = left.Kind == TypeKind.Date ? TypeKind.Instant : left.Kind;
        var r = right.Kind == TypeKind.Date ? TypeKind.Instant : right.Kind;
        if (l == TypeKind.Null && r == TypeKind.Null) return TagType.Null;
        // A null operand may stand for any type that makes the operation valid: 36h * null is a duration.
        TypeKind[] candidates = [TypeKind.Number, TypeKind.Duration, TypeKind.Instant, TypeKind.String];
        if (l == TypeKind.Null) return candidates.Prepend(r).Select(c => Result(op, c, r)).FirstOrDefault(t => t is not null);
        if (r == TypeKind.Null) return candidates.Prepend(l).Select(c => Result(op, l, c)).FirstOrDefault(t => t is not null);
        return Result(op, l, r);
    }

    private static TagType? Result(BinaryOperator op, TypeKind l, TypeKind r) => (op, l, r) switch
    {
        (_, TypeKind.Number, TypeKind.Number) => TagType.Number,
        (BinaryOperator.Add, TypeKind.String, TypeKind.String) => TagType.String,
        (BinaryOperator.Add, TypeKind.Instant, TypeKind.Duration) => TagType.Instant,
        (BinaryOperator.Add, TypeKind.Duration, TypeKind.Instant) => TagType.Instant,
        (BinaryOperator.Add or BinaryOperator.Subtract, TypeKind.Duration, TypeKind.Duration) => TagType.Duration,
        (BinaryOperator.Subtract, TypeKind.Instant, TypeKind.Duration) => TagType.Instant,
        (BinaryOperator.Subtract, TypeKind.Instant, TypeKind.Instant) => TagType.Duration,
        (BinaryOperator.Multiply, TypeKind.Duration, TypeKind.Number) => TagType.Duration,
        (BinaryOperator.Multiply, TypeKind.Number, TypeKind.Duration) => TagType.Duration,
        (BinaryOperator.Divide, TypeKind.Duration, TypeKind.Number) => TagType.Duration,
        (BinaryOperator.Divide, TypeKind.Duration, TypeKind.Duration) => TagType.Number,
        _ => null,
    };

    public static bool IsComparison(BinaryOperator op) => op is >= BinaryOperator.Equal and <= BinaryOperator.GreaterOrEqual;

    public static bool IsArithmetic(BinaryOperator op) => op >= BinaryOperator.Add;
}
