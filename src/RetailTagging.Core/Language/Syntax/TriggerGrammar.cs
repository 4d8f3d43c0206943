using Superpower;
using Superpower.Model;
using Superpower.Parsers;
using RetailTagging.Diagnostics;
using RetailTagging.Language.Ast;

namespace RetailTagging.Language.Syntax;

/// <summary>
/// The grammar of a trigger declaration. Conditions and filters are ordinary expressions; the
/// words around them are plain names, so no new reserved word is needed.
/// <code>
/// trigger  := 'trigger' name [string] 'on' source clause*
/// source   := 'event' event-type ['where' expr] ['when' expr]
///           | 'tag' (name | @name) transition                      -- entered, exited, changed
///           | 'date' attribute [('-' | '+') duration] 'at' number ':' number
///           | 'inactivity' event-type ['where' expr] 'for' duration
/// clause   := 'after' duration
///           | 'unless' event-type ['where' expr] ['within' duration]
///           | 'not' 'followed' 'by' event-type ['where' expr] 'within' duration
///           | 'do' name | 'via' name (',' name)* | 'priority' ['-'] number
///           | 'cooldown' duration | 'service' | 'with' name string (',' name string)*
/// </code>
/// Any other word in clause position parses as an unknown clause, so the checker can name it.
/// </summary>
internal static class TriggerGrammar
{
    private static SyntaxLocation At(Token<TagToken> token) =>
        new(new SourcePosition(ExpressionGrammar.File, token.Position.Line, token.Position.Column, Math.Max(1, token.Span.Length)));

    private static TokenListParser<TagToken, Token<TagToken>> Word(string word) => Token.EqualToValue(TagToken.Identifier, word);

    private static readonly TokenListParser<TagToken, Token<TagToken>> NameToken = Token.EqualTo(TagToken.Identifier);

    private static readonly TokenListParser<TagToken, string> Name = NameToken.Select(t => t.ToStringValue());

    private static readonly TokenListParser<TagToken, string> Text =
        Token.EqualTo(TagToken.String).Select(t => LiteralReader.Unquote(t.ToStringValue()));

    private static readonly TokenListParser<TagToken, Token<TagToken>> DurationToken = Token.EqualTo(TagToken.Duration);

    private static readonly TokenListParser<TagToken, TimeSpan> Duration =
        DurationToken.Select(t => ExpressionGrammar.ReadDuration(t.ToStringValue()));

    private static readonly TokenListParser<TagToken, Expr?> Filter =
        Token.EqualTo(TagToken.Where).IgnoreThen(ExpressionGrammar.Embedded).Select(e => (Expr?)e).OptionalOrDefault();

    private static readonly TokenListParser<TagToken, TriggerSourceSyntax> EventSource =
        from keyword in Word("event")
        from eventType in Name
        from filter in Filter
        from condition in Token.EqualTo(TagToken.When).IgnoreThen(ExpressionGrammar.Embedded).Select(e => (Expr?)e).OptionalOrDefault()
        select (TriggerSourceSyntax)new EventSourceSyntax(eventType, filter, condition) { Location = At(keyword) };

    private static readonly TokenListParser<TagToken, TriggerSourceSyntax> TagSource =
        from keyword in Word("tag")
        from tag in Name.Or(Token.EqualTo(TagToken.TagReference).Select(t => t.ToStringValue()[1..]))
        from transition in NameToken
        select (TriggerSourceSyntax)new TagSourceSyntax(tag, transition.ToStringValue()) { Location = At(keyword), TransitionLocation = At(transition) };

    private static readonly TokenListParser<TagToken, (TimeSpan Offset, SyntaxLocation Location)> DateOffset =
        (from sign in Token.EqualTo(TagToken.Minus).Or(Token.EqualTo(TagToken.Plus))
         from amount in Duration
         select (sign.Kind == TagToken.Minus ? -amount : amount, At(sign)))
        .OptionalOrDefault((TimeSpan.Zero, default));

    private static readonly TokenListParser<TagToken, TriggerSourceSyntax> DateSource =
        from keyword in Word("date")
        from attribute in Name
        from offset in DateOffset
        from at in Word("at")
        from hour in Token.EqualTo(TagToken.Number)
        from colon in Token.EqualTo(TagToken.Colon)
        from minute in Token.EqualTo(TagToken.Number)
        select (TriggerSourceSyntax)new DateSourceSyntax(attribute, offset.Offset,
            ExpressionGrammar.ReadNumber(hour.ToStringValue()), ExpressionGrammar.ReadNumber(minute.ToStringValue()))
        {
            Location = At(keyword),
            OffsetLocation = offset.Location,
            TimeLocation = At(hour),
        };

    private static readonly TokenListParser<TagToken, TriggerSourceSyntax> InactivitySource =
        from keyword in Word("inactivity")
        from eventType in Name
        from filter in Filter
        from @for in Word("for")
        from period in DurationToken
        select (TriggerSourceSyntax)new InactivitySourceSyntax(eventType, filter, ExpressionGrammar.ReadDuration(period.ToStringValue()))
        {
            Location = At(keyword),
            PeriodLocation = At(period),
        };

    private static readonly TokenListParser<TagToken, TriggerSourceSyntax> Source =
        EventSource.Or(TagSource).Or(DateSource).Or(InactivitySource);

    private static readonly TokenListParser<TagToken, TriggerClause> Delay =
        from keyword in Word("after")
        from delay in Duration
        select (TriggerClause)new DelayClause(delay) { Location = At(keyword) };

    private static readonly TokenListParser<TagToken, TimeSpan?> Within =
        Token.EqualTo(TagToken.Within).IgnoreThen(Duration).Select(d => (TimeSpan?)d);

    private static readonly TokenListParser<TagToken, TriggerClause> Unless =
        from keyword in Word("unless")
        from eventType in Name
        from filter in Filter
        from within in Within.OptionalOrDefault()
        select (TriggerClause)new CancelClause(eventType, filter, within, Sequence: false) { Location = At(keyword) };

    private static readonly TokenListParser<TagToken, TriggerClause> NotFollowedBy =
        from not in Token.EqualTo(TagToken.Not)
        from followed in Word("followed")
        from byWord in Word("by")
        from eventType in Name
        from filter in Filter
        from within in Within
        select (TriggerClause)new CancelClause(eventType, filter, within, Sequence: true) { Location = At(not) };

    private static readonly TokenListParser<TagToken, TriggerClause> Action =
        from keyword in Word("do")
        from action in Name
        select (TriggerClause)new ActionClause(action) { Location = At(keyword) };

    private static readonly TokenListParser<TagToken, TriggerClause> Via =
        from keyword in Word("via")
        from channels in NameToken.Select(t => (t.ToStringValue(), At(t))).AtLeastOnceDelimitedBy(Token.EqualTo(TagToken.Comma))
        select (TriggerClause)new ChannelsClause(new NodeList<(string, SyntaxLocation)>(channels)) { Location = At(keyword) };

    private static readonly TokenListParser<TagToken, TriggerClause> Priority =
        from keyword in Word("priority")
        from minus in Token.EqualTo(TagToken.Minus).Value(true).OptionalOrDefault()
        from number in Token.EqualTo(TagToken.Number)
        select (TriggerClause)new PriorityClause((minus ? -1 : 1) * ExpressionGrammar.ReadNumber(number.ToStringValue())) { Location = At(keyword) };

    private static readonly TokenListParser<TagToken, TriggerClause> Cooldown =
        from keyword in Word("cooldown")
        from cooldown in Duration
        select (TriggerClause)new CooldownClause(cooldown) { Location = At(keyword) };

    private static readonly TokenListParser<TagToken, TriggerClause> Service =
        Word("service").Select(keyword => (TriggerClause)new ServiceClause { Location = At(keyword) });

    private static readonly TokenListParser<TagToken, (string, string, SyntaxLocation)> Property =
        from key in NameToken
        from value in Text
        select (key.ToStringValue(), value, At(key));

    private static readonly TokenListParser<TagToken, TriggerClause> With =
        from keyword in Word("with")
        from properties in Property.AtLeastOnceDelimitedBy(Token.EqualTo(TagToken.Comma))
        select (TriggerClause)new PropertiesClause(new NodeList<(string, string, SyntaxLocation)>(properties)) { Location = At(keyword) };

    private static readonly string[] ClauseWords = ["after", "unless", "do", "via", "priority", "cooldown", "service", "with"];

    // A word with an optional value (a literal, or a name that starts no clause), so that
    // 'colour "red"' and 'dp send_coupon' are one unknown clause each.
    private static readonly TokenListParser<TagToken, TriggerClause> Unknown =
        from word in NameToken
        from value in Token.EqualTo(TagToken.String).Or(Token.EqualTo(TagToken.Number)).Or(Token.EqualTo(TagToken.Duration))
            .Or(NameToken.Where(t => !ClauseWords.Contains(t.ToStringValue()))).Value(true).OptionalOrDefault()
        select (TriggerClause)new UnknownClause(word.ToStringValue()) { Location = At(word) };

    private static readonly TokenListParser<TagToken, TriggerClause> Clause =
        Delay.Or(Unless).Or(NotFollowedBy).Or(Action).Or(Via).Or(Priority).Or(Cooldown).Or(Service).Or(With).Or(Unknown);

    /// <summary>One trigger declaration (the caller requires the end of the chunk after it).</summary>
    public static readonly TokenListParser<TagToken, Declaration> Declaration =
        from keyword in Word("trigger")
        from name in Name
        from display in Text.Select(t => (string?)t).OptionalOrDefault()
        from onWord in Word("on")
        from source in Source
        from clauses in Clause.Many()
        select (Declaration)new TriggerDeclaration(name, display, source, new NodeList<TriggerClause>(clauses)) { Location = At(keyword) };
}
