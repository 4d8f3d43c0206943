using Superpower;
using Superpower.Model;
using Superpower.Parsers;
using RetailTagging.Diagnostics;
using RetailTagging.Language.Ast;

namespace RetailTagging.Language.Syntax;

/// <summary>
/// The expression grammar, lowest precedence first:
/// <code>
/// expr       := and ('or' and)*
/// and        := not ('and' not)*
/// not        := 'not' not | comparison
/// comparison := additive [ compare-op additive | ['not'] 'between' additive 'and' additive
///                        | ['not'] 'in' primary | 'is' ['not'] 'null' ]
/// additive   := multiplicative (('+' | '-') multiplicative)*
/// multiplicative := unary (('*' | '/' | '%') unary)*
/// unary      := '-' unary | primary
/// primary    := literal | list | '(' expr ')' | case | @tag | aggregate | call | name ['.' name]
/// aggregate  := agg '(' event-type ['.' property] ['where' expr] ['within' duration] ')' ['.' property]
/// </code>
/// </summary>
internal static class ExpressionGrammar
{
    [ThreadStatic] private static string? t_file;

    // The file name for locations; per thread because catalogs may be compiled concurrently.
    internal static string File { get => t_file ?? ""; set => t_file = value; }

    private static SyntaxLocation At(Token<TagToken> token) =>
        new(new SourcePosition(File, token.Position.Line, token.Position.Column, Math.Max(1, token.Span.Length)));

    private static TokenListParser<TagToken, Token<TagToken>> Keyword(TagToken kind) => Token.EqualTo(kind);

    private static readonly TokenListParser<TagToken, Expr> Literal =
        Token.EqualTo(TagToken.Number).Select(t => Lit(Value.FromNumber(ReadNumber(t.ToStringValue())), t))
            .Or(Token.EqualTo(TagToken.String).Select(t => Lit(Value.FromString(LiteralReader.Unquote(t.ToStringValue())), t)))
            .Or(Token.EqualTo(TagToken.True).Select(t => Lit(Value.FromBool(true), t)))
            .Or(Token.EqualTo(TagToken.False).Select(t => Lit(Value.FromBool(false), t)))
            .Or(Token.EqualTo(TagToken.Null).Select(t => Lit(Value.Null, t)))
            .Or(Token.EqualTo(TagToken.Duration).Select(t => Lit(Value.FromDuration(ReadDuration(t.ToStringValue())), t)))
            .Or(Token.EqualTo(TagToken.Date).Select(t => Lit(Value.FromDate(ReadDate(t.ToStringValue())), t)))
            .Or(Token.EqualTo(TagToken.Instant).Select(t => Lit(Value.FromInstant(ReadInstant(t.ToStringValue())), t)));

    private static Expr Lit(Value value, Token<TagToken> token) => new LiteralExpr(value) { Location = At(token) };

    internal static decimal ReadNumber(string text) => LiteralReader.TryNumber(text, out var v, out _) ? v : 0;
    internal static TimeSpan ReadDuration(string text) => LiteralReader.TryDuration(text, out var v, out _) ? v : TimeSpan.Zero;
    private static DateOnly ReadDate(string text) => LiteralReader.TryDate(text, out var v, out _) ? v : default;
    private static DateTimeOffset ReadInstant(string text) => LiteralReader.TryInstant(text, out var v, out _) ? v : default;

    private static readonly TokenListParser<TagToken, Expr> Expression = StackGuard.Ref(() => Or!);

    private static readonly TokenListParser<TagToken, Expr> ListLiteral =
        from open in Token.EqualTo(TagToken.LBracket)
        from items in Expression.ManyDelimitedBy(Token.EqualTo(TagToken.Comma), end: Token.EqualTo(TagToken.RBracket))
        select (Expr)new ListExpr(new NodeList<Expr>(items)) { Location = At(open) };

    private static readonly TokenListParser<TagToken, Expr> Parenthesized =
        from open in Token.EqualTo(TagToken.LParen)
        from inner in Expression
        from close in Token.EqualTo(TagToken.RParen)
        select inner;

    private static readonly TokenListParser<TagToken, CaseBranch> CaseBranchParser =
        from when in Keyword(TagToken.When)
        from condition in Expression
        from then in Keyword(TagToken.Then)
        from result in Expression
        select new CaseBranch(condition, result);

    private static readonly TokenListParser<TagToken, Expr> Case =
        from @case in Keyword(TagToken.Case)
        from branches in CaseBranchParser.AtLeastOnce()
        from @else in Keyword(TagToken.Else).IgnoreThen(Expression).Select(e => (Expr?)e).OptionalOrDefault()
        from end in Keyword(TagToken.End)
        select (Expr)new CaseExpr(new NodeList<CaseBranch>(branches), @else) { Location = At(@case) };

    private static readonly TokenListParser<TagToken, Expr> TagReference =
        Token.EqualTo(TagToken.TagReference).Select(t => (Expr)new TagReferenceExpr(t.ToStringValue()[1..]) { Location = At(t) });

    private static readonly TokenListParser<TagToken, Token<TagToken>> Identifier = Token.EqualTo(TagToken.Identifier);

    private static readonly TokenListParser<TagToken, string?> OptionalProperty =
        Token.EqualTo(TagToken.Dot).IgnoreThen(Identifier).Select(t => (string?)t.ToStringValue()).OptionalOrDefault();

    private static readonly TokenListParser<TagToken, Value> Window =
        Keyword(TagToken.Within).IgnoreThen(
            Token.EqualTo(TagToken.Duration).Select(t => Value.FromDuration(ReadDuration(t.ToStringValue())))
                .Or(Token.EqualTo(TagToken.Null).Select(_ => Value.Null)))
            .OptionalOrDefault(Value.Null);

    // first(purchase).at is sugar for first(purchase.at): the postfix field folds into the aggregate.
    private static TokenListParser<TagToken, Expr> AggregateBody(Token<TagToken> name) =>
        from source in Identifier
        from property in OptionalProperty
        from filter in Keyword(TagToken.Where).IgnoreThen(Expression).Select(e => (Expr?)e).OptionalOrDefault()
        from window in Window
        from close in Token.EqualTo(TagToken.RParen)
        from postfix in property is null ? OptionalProperty : Parse.Return<TagToken, string?>(null)
        select (Expr)new AggregateExpr(OperatorText.Aggregates[name.ToStringValue()], source.ToStringValue(), property ?? postfix, filter, window)
        {
            Location = At(name),
        };

    private static TokenListParser<TagToken, Expr> CallArguments(Token<TagToken> name) =>
        from arguments in Expression.ManyDelimitedBy(Token.EqualTo(TagToken.Comma), end: Token.EqualTo(TagToken.RParen))
        select (Expr)new CallExpr(name.ToStringValue(), new NodeList<Expr>(arguments)) { Location = At(name) };

    // After "name(" an aggregate name reads an aggregate, any other name a call. min and max are
    // both: min(purchase.amount) is an aggregate, min(a, b) a call, so only they backtrack.
    private static TokenListParser<TagToken, Expr> AfterOpenParen(Token<TagToken> name) => name.ToStringValue() switch
    {
        "min" or "max" => AggregateBody(name).Try().Or(CallArguments(name)),
        var text when OperatorText.Aggregates.ContainsKey(text) => AggregateBody(name),
        _ => CallArguments(name),
    };

    private static readonly TokenListParser<TagToken, Expr> IdentifierLed =
        Identifier.Then(name =>
            Token.EqualTo(TagToken.LParen).IgnoreThen(StackGuard.Ref(() => AfterOpenParen(name)))
                .Or(OptionalProperty.Select(member => member is null
                    ? (Expr)new NameExpr(name.ToStringValue()) { Location = At(name) }
                    : new MemberExpr(name.ToStringValue(), member) { Location = At(name) })));

    private static readonly TokenListParser<TagToken, Expr> Primary =
        Literal.Or(ListLiteral).Or(Parenthesized).Or(Case).Or(TagReference).Or(IdentifierLed);

    // "-5" and "-90d" are negative literals; "-x" negates.
    private static readonly TokenListParser<TagToken, Expr> Unary =
        (from minus in Token.EqualTo(TagToken.Minus)
         from literal in Token.EqualTo(TagToken.Number).Select(t => Lit(Value.FromNumber(-ReadNumber(t.ToStringValue())), minus))
             .Or(Token.EqualTo(TagToken.Duration).Select(t => Lit(Value.FromDuration(-ReadDuration(t.ToStringValue())), minus)))
         select literal).Try()
        .Or(from minus in Token.EqualTo(TagToken.Minus)
            from operand in StackGuard.Ref(() => Unary!)
            select (Expr)new UnaryExpr(UnaryOperator.Negate, operand) { Location = At(minus) })
        .Or(Primary);

    private static TokenListParser<TagToken, Expr> Chain(TokenListParser<TagToken, Expr> operand, params (TagToken Token, BinaryOperator Operator)[] operators)
    {
        var op = operators.Select(o => Token.EqualTo(o.Token)).Aggregate((a, b) => a.Or(b));
        return Parse.Chain(op, operand, (token, left, right) =>
            new BinaryExpr(operators.First(o => o.Token == token.Kind).Operator, left, right) { Location = At(token) });
    }

    private static readonly TokenListParser<TagToken, Expr> Multiplicative =
        Chain(Unary, (TagToken.Star, BinaryOperator.Multiply), (TagToken.Slash, BinaryOperator.Divide), (TagToken.Percent, BinaryOperator.Modulo));

    private static readonly TokenListParser<TagToken, Expr> Additive =
        Chain(Multiplicative, (TagToken.Plus, BinaryOperator.Add), (TagToken.Minus, BinaryOperator.Subtract));

    private static readonly (TagToken Token, BinaryOperator Operator)[] ComparisonOperators =
    [
        (TagToken.Equal, BinaryOperator.Equal), (TagToken.NotEqual, BinaryOperator.NotEqual),
        (TagToken.Less, BinaryOperator.Less), (TagToken.LessOrEqual, BinaryOperator.LessOrEqual),
        (TagToken.Greater, BinaryOperator.Greater), (TagToken.GreaterOrEqual, BinaryOperator.GreaterOrEqual),
        // "=" reads as "==" too: rule authors coming from SQL write it, and it is unambiguous here.
        (TagToken.Assign, BinaryOperator.Equal),
    ];

    private static readonly TokenListParser<TagToken, Func<Expr, Expr>> ComparisonRest =
        (from op in ComparisonOperators.Select(o => Token.EqualTo(o.Token)).Aggregate((a, b) => a.Or(b))
         from right in Additive
         select (Func<Expr, Expr>)(left => new BinaryExpr(ComparisonOperators.First(o => o.Token == op.Kind).Operator, left, right) { Location = At(op) }))
        .Or(from not in Keyword(TagToken.Not).Select(_ => true).OptionalOrDefault()
            from rest in
                (from between in Keyword(TagToken.Between)
                 from low in Additive
                 from and in Keyword(TagToken.And)
                 from high in Additive
                 select (Func<Expr, Expr>)(value => new BetweenExpr(value, low, high, not) { Location = At(between) }))
                .Or(from @in in Keyword(TagToken.In)
                    from list in Primary
                    select (Func<Expr, Expr>)(value => new InExpr(value, list, not) { Location = At(@in) }))
            select rest)
        .Or(from @is in Keyword(TagToken.Is)
            from not in Keyword(TagToken.Not).Select(_ => true).OptionalOrDefault()
            from @null in Keyword(TagToken.Null)
            select (Func<Expr, Expr>)(value => new IsNullExpr(value, not) { Location = At(@is) }));

    private static readonly TokenListParser<TagToken, Expr> Comparison =
        from left in Additive
        from rest in ComparisonRest.Select(f => (Func<Expr, Expr>?)f).OptionalOrDefault()
        select rest is null ? left : rest(left);

    private static readonly TokenListParser<TagToken, Expr> Not =
        (from not in Keyword(TagToken.Not)
         from operand in StackGuard.Ref(() => Not!)
         select (Expr)new UnaryExpr(UnaryOperator.Not, operand) { Location = At(not) })
        .Or(Comparison);

    private static readonly TokenListParser<TagToken, Expr> And = Chain(Not, (TagToken.And, BinaryOperator.And));

    private static readonly TokenListParser<TagToken, Expr> Or = Chain(And, (TagToken.Or, BinaryOperator.Or));

    /// <summary>An expression, the whole input.</summary>
    public static readonly TokenListParser<TagToken, Expr> Root = Expression.AtEnd();

    /// <summary>An expression that may be followed by more input (catalog declarations).</summary>
    public static TokenListParser<TagToken, Expr> Embedded => Expression;
}
