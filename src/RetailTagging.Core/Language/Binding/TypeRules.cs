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
        // Null operands take the type the other side implies.
        var l = left.Kind == TypeKind.Null ? right : left;
        var r = right.Kind == TypeKind.Null ? left : right;
        if (l.Kind == TypeKind.Date) l = TagType.Instant;
        if (r.Kind == TypeKind.Date) r = TagType.Instant;
        return (op, l.Kind, r.Kind) switch
        {
            (_, TypeKind.Number, TypeKind.Number) => TagType.Number,
            (_, TypeKind.Null, TypeKind.Null) => TagType.Null,
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
    }

    public static bool IsComparison(BinaryOperator op) => op is >= BinaryOperator.Equal and <= BinaryOperator.GreaterOrEqual;

    public static bool IsArithmetic(BinaryOperator op) => op >= BinaryOperator.Add;
}
