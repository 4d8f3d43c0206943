namespace RetailTagging.Language.Ast;

/// <summary>An immutable expression syntax tree node.</summary>
public abstract record Expr
{
    /// <summary>Where the node was written (ignored by equality).</summary>
    public SyntaxLocation Location { get; init; }

    /// <summary>The expression in canonical source form.</summary>
    public sealed override string ToString() => Syntax.ExpressionPrinter.Print(this);
}

/// <summary>A literal: number, string, bool, null, duration, date or instant.</summary>
public sealed record LiteralExpr(Value Value) : Expr;

/// <summary>A list literal <c>[a, b, c]</c>.</summary>
public sealed record ListExpr(NodeList<Expr> Items) : Expr;

/// <summary>A bare name: an event field inside an aggregate's where filter.</summary>
public sealed record NameExpr(string Name) : Expr;

/// <summary>A member access such as <c>customer.city</c>.</summary>
public sealed record MemberExpr(string Target, string Member) : Expr;

/// <summary>A reference to another tag's value: <c>@high_spender</c>.</summary>
public sealed record TagReferenceExpr(string Tag) : Expr;

/// <summary><c>not x</c>, <c>-x</c>.</summary>
public sealed record UnaryExpr(UnaryOperator Operator, Expr Operand) : Expr;

/// <summary>An infix operation.</summary>
public sealed record BinaryExpr(BinaryOperator Operator, Expr Left, Expr Right) : Expr;

/// <summary><c>x [not] between low and high</c> (inclusive).</summary>
public sealed record BetweenExpr(Expr Value, Expr Low, Expr High, bool Negated) : Expr;

/// <summary><c>x [not] in list</c>.</summary>
public sealed record InExpr(Expr Value, Expr List, bool Negated) : Expr;

/// <summary><c>x is [not] null</c>.</summary>
public sealed record IsNullExpr(Expr Value, bool Negated) : Expr;

/// <summary>One <c>when c then v</c> branch.</summary>
public sealed record CaseBranch(Expr Condition, Expr Result);

/// <summary><c>case when .. then .. [else ..] end</c>.</summary>
public sealed record CaseExpr(NodeList<CaseBranch> Branches, Expr? Else) : Expr;

/// <summary>A call of a built-in function: <c>days_since(x)</c>.</summary>
public sealed record CallExpr(string Function, NodeList<Expr> Arguments) : Expr;

/// <summary>
/// An event aggregate: <c>sum(purchase.amount where channel == "pos" within 365d)</c>.
/// </summary>
public sealed record AggregateExpr(AggregateKind Kind, string EventType, string? Property, Expr? Filter, Value Window) : Expr;
