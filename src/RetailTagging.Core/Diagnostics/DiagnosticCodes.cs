namespace RetailTagging.Diagnostics;

/// <summary>
/// Every diagnostic the language reports. Codes are stable: RT0xxx syntax and limits,
/// RT1xxx names, types and catalog structure, RT2xxx warnings. docs/diagnostics.md lists them all.
/// </summary>
internal static class DiagnosticCodes
{
    private static DiagnosticDescriptor Error(string code, string template) => new(code, DiagnosticSeverity.Error, template);
    private static DiagnosticDescriptor Warning(string code, string template) => new(code, DiagnosticSeverity.Warning, template);

    // Syntax and limits.
    public static readonly DiagnosticDescriptor InvalidCharacter = Error("RT0001", "unexpected character '{0}'");
    public static readonly DiagnosticDescriptor UnterminatedString = Error("RT0002", "unterminated string literal");
    public static readonly DiagnosticDescriptor InvalidEscape = Error("RT0003", "invalid escape sequence '\\{0}' in string literal; use \\\", \\\\, \\n, \\r, \\t or \\uXXXX");
    public static readonly DiagnosticDescriptor InvalidLiteral = Error("RT0004", "invalid {0} literal '{1}': {2}");
    public static readonly DiagnosticDescriptor SyntaxError = Error("RT0005", "syntax error: {0}");
    public static readonly DiagnosticDescriptor NestingTooDeep = Error("RT0006", "expression is nested too deeply (more than {0} levels)");
    public static readonly DiagnosticDescriptor ExpressionTooLarge = Error("RT0007", "expression is too large ({0} tokens; the limit is {1})");
    public static readonly DiagnosticDescriptor SourceTooLarge = Error("RT0008", "source is too large ({0} characters; the limit is {1})");
    public static readonly DiagnosticDescriptor TooManyDiagnostics = Error("RT0010", "too many diagnostics; {0} more not shown");
    public static readonly DiagnosticDescriptor ExpectedDeclaration = Error("RT0009", "expected a declaration (tag, segment, dimension, attribute, event, property, score, timezone or trigger), found {0}");

    // Names, types and catalog structure.
    public static readonly DiagnosticDescriptor UnknownAttribute = Error("RT1001", "unknown customer attribute '{0}'{1}");
    public static readonly DiagnosticDescriptor UnknownEventType = Error("RT1002", "unknown event type '{0}'{1}");
    public static readonly DiagnosticDescriptor UnknownEventProperty = Error("RT1003", "event type '{0}' has no property '{1}'{2}");
    public static readonly DiagnosticDescriptor UnknownFunction = Error("RT1004", "unknown function '{0}'{1}");
    public static readonly DiagnosticDescriptor WrongArgumentCount = Error("RT1005", "function '{0}' takes {1}, found {2}");
    public static readonly DiagnosticDescriptor OperatorTypeMismatch = Error("RT1006", "operator '{0}' cannot be applied to {1}");
    public static readonly DiagnosticDescriptor ArgumentTypeMismatch = Error("RT1007", "argument {0} of '{1}' must be {2}, found {3}");
    public static readonly DiagnosticDescriptor UnknownTag = Error("RT1008", "unknown tag '@{0}'{1}");
    public static readonly DiagnosticDescriptor DependencyCycle = Error("RT1009", "tags form a dependency cycle: {0}");
    public static readonly DiagnosticDescriptor DuplicateDeclaration = Error("RT1010", "{0} '{1}' is already declared at {2}");
    public static readonly DiagnosticDescriptor UnknownDimension = Error("RT1011", "unknown dimension '{0}'; declare it with 'dimension {0}'{1}");
    public static readonly DiagnosticDescriptor UnknownName = Error("RT1012", "unknown name '{0}'{1}");
    public static readonly DiagnosticDescriptor AggregateNeedsProperty = Error("RT1013", "'{0}' needs a {1} event property, e.g. {0}({2}.amount)");
    public static readonly DiagnosticDescriptor CostLimitExceeded = Error("RT1014", "expression cost {0} exceeds the limit of {1}; split it into several tags or raise MaxCost");
    public static readonly DiagnosticDescriptor ListElementType = Error("RT1015", "list elements must all be of one scalar type; element {0} is {1}, expected {2}");
    public static readonly DiagnosticDescriptor IncompatibleBranches = Error("RT1016", "case branches must have one type; found {0} and {1}");
    public static readonly DiagnosticDescriptor ConditionNotBool = Error("RT1017", "{0} must be a bool, found {1}");
    public static readonly DiagnosticDescriptor UnknownScore = Error("RT1018", "unknown score '{0}'; declare it with 'score {0}'{1}");
    public static readonly DiagnosticDescriptor UnknownKind = Error("RT1019", "unknown tag kind '{0}'; use fact, model or predictive{1}");
    public static readonly DiagnosticDescriptor DuplicateMetadata = Error("RT1020", "'{0}' is given more than once");
    public static readonly DiagnosticDescriptor NestedAggregate = Error("RT1021", "an aggregate cannot be used inside another aggregate's where filter");
    public static readonly DiagnosticDescriptor TagReferenceInFilter = Error("RT1022", "a tag reference cannot be used inside an aggregate's where filter");
    public static readonly DiagnosticDescriptor InvalidTimeZone = Error("RT1023", "unknown time zone '{0}'");
    public static readonly DiagnosticDescriptor UnknownType = Error("RT1024", "unknown type '{0}'; use bool, number, string, instant, date, duration or list<...>{1}");
    public static readonly DiagnosticDescriptor ScoreNameNotLiteral = Error("RT1025", "score() takes one string literal naming a declared score");
    public static readonly DiagnosticDescriptor InvalidWindow = Error("RT1026", "a window must be a positive duration, found {0}");
    public static readonly DiagnosticDescriptor UnknownClause = Error("RT1028", "unknown tag clause '{0}'; use owner, use, description or ttl{1}");
    public static readonly DiagnosticDescriptor InvalidClause = Error("RT1029", "'{0}' takes {1}");
    public static readonly DiagnosticDescriptor SegmentNotBool = Error("RT1030", "segment '{0}' must be a bool condition, found {1}");
    public static readonly DiagnosticDescriptor FieldOutsideFilter = Error("RT1027", "event field '{0}' can only be used inside an aggregate's where filter");

    // Lifecycle triggers (docs/lifecycle.md).
    public static readonly DiagnosticDescriptor UnknownTriggerClause = Error("RT1031", "unknown trigger clause '{0}'; use after, unless, not followed by, do, via, priority, cooldown, service or with{1}");
    public static readonly DiagnosticDescriptor UnknownTagTransition = Error("RT1032", "unknown tag transition '{0}'; use entered, exited or changed{1}");
    public static readonly DiagnosticDescriptor NotADateAttribute = Error("RT1033", "'{0}' is not a date attribute; use birth_date, registered_at or a declared date or instant attribute{1}");
    public static readonly DiagnosticDescriptor UnknownChannel = Error("RT1034", "unknown channel '{0}'; use sms, wechat, email, push or call{1}");
    public static readonly DiagnosticDescriptor ConflictingTriggerClauses = Error("RT1035", "'{0}' cannot be combined with '{1}': {2}");
    public static readonly DiagnosticDescriptor TagReferenceInTrigger = Error("RT1036", "a trigger condition cannot reference tags; trigger on the tag instead: 'on tag {0} entered'");
    public static readonly DiagnosticDescriptor InvalidTriggerTiming = Error("RT1037", "invalid trigger timing: {0}");

    // Warnings.
    public static readonly DiagnosticDescriptor ConstantExpression = Warning("RT2001", "{0} '{1}' is always {2}");
    public static readonly DiagnosticDescriptor ComparisonWithNull = Warning("RT2002", "comparing with null with '{0}' is always null, so never true; use 'is null' or 'is not null'");
    public static readonly DiagnosticDescriptor UnusedDeclaration = Warning("RT2003", "{0} '{1}' is declared but never used");
}
