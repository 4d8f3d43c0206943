namespace RetailTagging.Language.Ast;

/// <summary>Binary operators, lowest precedence first.</summary>
public enum BinaryOperator
{
    /// <summary><c>or</c></summary>
    Or,
    /// <summary><c>and</c></summary>
    And,
    /// <summary><c>==</c></summary>
    Equal,
    /// <summary><c>!=</c></summary>
    NotEqual,
    /// <summary><c>&lt;</c></summary>
    Less,
    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,
    /// <summary><c>&gt;</c></summary>
    Greater,
    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,
    /// <summary><c>+</c></summary>
    Add,
    /// <summary><c>-</c></summary>
    Subtract,
    /// <summary><c>*</c></summary>
    Multiply,
    /// <summary><c>/</c></summary>
    Divide,
    /// <summary><c>%</c></summary>
    Modulo,
}

/// <summary>Unary operators.</summary>
public enum UnaryOperator
{
    /// <summary><c>not</c></summary>
    Not,
    /// <summary>unary <c>-</c></summary>
    Negate,
}

/// <summary>The event aggregates.</summary>
public enum AggregateKind
{
    /// <summary>Number of matching events (with a property: events where it is not null).</summary>
    Count,
    /// <summary>Sum of a number property; 0 when no event matches.</summary>
    Sum,
    /// <summary>Average of a number property; null when no event matches.</summary>
    Avg,
    /// <summary>Smallest value of a property; null when none.</summary>
    Min,
    /// <summary>Largest value of a property; null when none.</summary>
    Max,
    /// <summary>Number of distinct non-null values of a property.</summary>
    DistinctCount,
    /// <summary>The property of the earliest matching event.</summary>
    First,
    /// <summary>The property of the latest matching event.</summary>
    Last,
    /// <summary>Whether any event matches.</summary>
    Exists,
}

/// <summary>Spelling of operators and aggregates in source.</summary>
public static class OperatorText
{
    /// <summary>The source text of a binary operator.</summary>
    public static string Of(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => "or",
        BinaryOperator.And => "and",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        _ => "%",
    };

    /// <summary>The source name of an aggregate.</summary>
    public static string Of(AggregateKind kind) => kind switch
    {
        AggregateKind.DistinctCount => "distinct_count",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Aggregates by source name.</summary>
    public static readonly IReadOnlyDictionary<string, AggregateKind> Aggregates =
        Enum.GetValues<AggregateKind>().ToDictionary(Of, k => k, StringComparer.Ordinal);
}
