using System.Collections.Frozen;

namespace RetailTagging.Language.Binding;

/// <summary>
/// Type rules of the built-in functions: given the argument types, the result type or the reason
/// the call is ill-typed. One table, so the docs, the binder and the suggestions agree.
/// </summary>
internal static class FunctionSignatures
{
    public sealed record Signature(BuiltinFunction Function, string Name, string Arity, string Description, Func<IReadOnlyList<TagType>, Result> Check);

    public readonly record struct Result(TagType? Type, int BadArgument = -1, string? Expected = null)
    {
        public static Result Ok(TagType type) => new(type);
        public static Result Bad(int argument, string expected) => new(null, argument, expected);
        public static Result Count => new(null, -2);
    }

    private static bool Is(TagType type, params TypeKind[] kinds) => type.Kind == TypeKind.Null || kinds.Contains(type.Kind);

    private static Func<IReadOnlyList<TagType>, Result> Fixed(TagType result, params (string Name, TypeKind[] Kinds)[] parameters) => args =>
    {
        if (args.Count != parameters.Length) return Result.Count;
        for (var i = 0; i < args.Count; i++)
            if (!Is(args[i], parameters[i].Kinds)) return Result.Bad(i, parameters[i].Name);
        return Result.Ok(result);
    };

    private static readonly (string, TypeKind[]) Str = ("a string", [TypeKind.String]);
    private static readonly (string, TypeKind[]) DateOnly = ("a date", [TypeKind.Date]);
    private static readonly (string, TypeKind[]) DateOrInstant = ("a date or instant", [TypeKind.Date, TypeKind.Instant]);
    private static readonly (string, TypeKind[]) InstantOnly = ("an instant", [TypeKind.Instant]);

    private static Result SameType(IReadOnlyList<TagType> args, bool ordered, int minimum)
    {
        if (args.Count < minimum) return Result.Count;
        var type = TagType.Null;
        for (var i = 0; i < args.Count; i++)
        {
            var unified = TypeRules.Unify(type, args[i]);
            if (unified is null || (ordered && unified.Kind != TypeKind.Null && !unified.IsOrdered))
                return Result.Bad(i, type.Kind == TypeKind.Null ? "an ordered value" : type.ToString());
            type = unified;
        }
        return Result.Ok(type);
    }

    public static readonly IReadOnlyList<Signature> All =
    [
        new(BuiltinFunction.Contains, "contains", "2 arguments", "contains(s, part): s contains part (ordinal)", Fixed(TagType.Bool, Str, Str)),
        new(BuiltinFunction.StartsWith, "starts_with", "2 arguments", "starts_with(s, prefix)", Fixed(TagType.Bool, Str, Str)),
        new(BuiltinFunction.EndsWith, "ends_with", "2 arguments", "ends_with(s, suffix)", Fixed(TagType.Bool, Str, Str)),
        new(BuiltinFunction.Lower, "lower", "1 argument", "lower(s): invariant lower case", Fixed(TagType.String, Str)),
        new(BuiltinFunction.Upper, "upper", "1 argument", "upper(s): invariant upper case", Fixed(TagType.String, Str)),
        new(BuiltinFunction.Length, "length", "1 argument", "length(s or list)", args =>
            args.Count != 1 ? Result.Count : Is(args[0], TypeKind.String, TypeKind.List) ? Result.Ok(TagType.Number) : Result.Bad(0, "a string or list")),
        new(BuiltinFunction.Now, "now", "no arguments", "now(): the as-of instant", Fixed(TagType.Instant)),
        new(BuiltinFunction.DaysSince, "days_since", "1 argument", "days_since(d): calendar days from d to the as-of date", Fixed(TagType.Number, DateOrInstant)),
        new(BuiltinFunction.DaysUntilBirthday, "days_until_birthday", "1 argument", "days_until_birthday(birth_date): 0 on the birthday", Fixed(TagType.Number, DateOnly)),
        new(BuiltinFunction.AgeYears, "age_years", "1 argument", "age_years(birth_date): completed years", Fixed(TagType.Number, DateOnly)),
        new(BuiltinFunction.DayOfWeek, "day_of_week", "1 argument", "day_of_week(d): 1 = Monday .. 7 = Sunday", Fixed(TagType.Number, DateOrInstant)),
        new(BuiltinFunction.HourOfDay, "hour_of_day", "1 argument", "hour_of_day(instant): 0..23 in the business time zone", Fixed(TagType.Number, InstantOnly)),
        new(BuiltinFunction.Abs, "abs", "1 argument", "abs(x) for numbers and durations", args =>
            args.Count != 1 ? Result.Count : Is(args[0], TypeKind.Number) ? Result.Ok(TagType.Number)
            : Is(args[0], TypeKind.Duration) ? Result.Ok(TagType.Duration) : Result.Bad(0, "a number or duration")),
        new(BuiltinFunction.Round, "round", "1 or 2 arguments", "round(x[, digits]): half away from zero", args =>
            args.Count is < 1 or > 2 ? Result.Count : !Is(args[0], TypeKind.Number) ? Result.Bad(0, "a number")
            : args.Count == 2 && !Is(args[1], TypeKind.Number) ? Result.Bad(1, "a number") : Result.Ok(TagType.Number)),
        new(BuiltinFunction.Min, "min", "2 or more arguments", "min(a, b, ...): the smallest non-null", args => SameType(args, true, 2)),
        new(BuiltinFunction.Max, "max", "2 or more arguments", "max(a, b, ...): the largest non-null", args => SameType(args, true, 2)),
        new(BuiltinFunction.Coalesce, "coalesce", "1 or more arguments", "coalesce(a, b, ...): the first non-null", args => SameType(args, false, 1)),
    ];

    public static readonly FrozenDictionary<string, Signature> ByName = All.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>Names callable in expressions, including the special forms, for suggestions.</summary>
    public static IEnumerable<string> CallableNames => ByName.Keys.Append("score").Concat(Ast.OperatorText.Aggregates.Keys);
}
