using Superpower;
using Superpower.Model;
using Superpower.Parsers;
using RetailTagging.Diagnostics;
using RetailTagging.Language.Ast;

namespace RetailTagging.Language.Syntax;

/// <summary>
/// The grammar of one catalog declaration. The driver has already split the file at each
/// declaration keyword that starts a line, so one bad declaration never hides the next.
/// <code>
/// tag       := 'tag' name [string] [':' kind [',' dimension]] metadata* '=' expr
/// metadata  := ('owner' | 'use' | 'description') string | 'ttl' duration
/// segment   := 'segment' name [string] '=' expr
/// dimension := 'dimension' name [string]
/// attribute := 'attribute' name ':' type [string]
/// event     := 'event' name [string]
/// property  := 'property' event-type '.' name ':' type
/// score     := 'score' name [string]
/// timezone  := 'timezone' string
/// trigger   := see TriggerGrammar
/// type      := name ['&lt;' name '&gt;']
/// </code>
/// </summary>
internal static class CatalogGrammar
{
    private static SyntaxLocation At(Token<TagToken> token) =>
        new(new SourcePosition(ExpressionGrammar.File, token.Position.Line, token.Position.Column, Math.Max(1, token.Span.Length)));

    private static TokenListParser<TagToken, Token<TagToken>> Word(string word) =>
        Token.EqualToValue(TagToken.Identifier, word);

    private static readonly TokenListParser<TagToken, string> Name =
        Token.EqualTo(TagToken.Identifier).Select(t => t.ToStringValue());

    private static readonly TokenListParser<TagToken, string> Text =
        Token.EqualTo(TagToken.String).Select(t => LiteralReader.Unquote(t.ToStringValue()));

    private static readonly TokenListParser<TagToken, string?> OptionalText = Text.Select(t => (string?)t).OptionalOrDefault();

    private static readonly TokenListParser<TagToken, string> TypeName =
        from name in Name
        from element in Token.EqualTo(TagToken.Less).IgnoreThen(Name).Then(e => Token.EqualTo(TagToken.Greater).Value(e))
            .Select(e => (string?)e).OptionalOrDefault()
        select element is null ? name : $"{name}<{element}>";

    // Any "key literal" pair parses; the checker validates keys and values, so a wrong one gets a
    // precise message ("'owner' takes a string") rather than a syntax error.
    private static readonly TokenListParser<TagToken, MetadataClause> Metadata =
        from key in Token.EqualTo(TagToken.Identifier)
        from value in Token.EqualTo(TagToken.String).Select(t => Value.FromString(LiteralReader.Unquote(t.ToStringValue())))
            .Or(Token.EqualTo(TagToken.Duration).Select(t => Value.FromDuration(ExpressionGrammar.ReadDuration(t.ToStringValue()))))
            .Or(Token.EqualTo(TagToken.Number).Select(t => Value.FromNumber(ExpressionGrammar.ReadNumber(t.ToStringValue()))))
        select new MetadataClause(key.ToStringValue(), value) { Location = At(key) };

    private static readonly TokenListParser<TagToken, (string? Kind, string? Dimension)> KindAndDimension =
        (from colon in Token.EqualTo(TagToken.Colon)
         from kind in Name
         from dimension in Token.EqualTo(TagToken.Comma).IgnoreThen(Name).Select(d => (string?)d).OptionalOrDefault()
         select ((string?)kind, dimension))
        .OptionalOrDefault((null, null));

    private static readonly TokenListParser<TagToken, Declaration> Tag =
        from keyword in Word("tag")
        from name in Name
        from display in OptionalText
        from header in KindAndDimension
        from metadata in Metadata.Many()
        from assign in Token.EqualTo(TagToken.Assign)
        from expression in ExpressionGrammar.Embedded
        select (Declaration)new TagDeclaration(name, display, header.Kind, header.Dimension, new NodeList<MetadataClause>(metadata), expression) { Location = At(keyword) };

    private static readonly TokenListParser<TagToken, Declaration> Segment =
        from keyword in Word("segment")
        from name in Name
        from display in OptionalText
        from assign in Token.EqualTo(TagToken.Assign)
        from expression in ExpressionGrammar.Embedded
        select (Declaration)new SegmentDeclaration(name, display, expression) { Location = At(keyword) };

    private static readonly TokenListParser<TagToken, Declaration> Dimension =
        from keyword in Word("dimension")
        from name in Name
        from display in OptionalText
        select (Declaration)new DimensionDeclaration(name, display) { Location = At(keyword) };

    private static readonly TokenListParser<TagToken, Declaration> Attribute =
        from keyword in Word("attribute")
        from name in Name
        from colon in Token.EqualTo(TagToken.Colon)
        from type in TypeName
        from description in OptionalText
        select (Declaration)new AttributeDeclaration(name, type, description) { Location = At(keyword) };

    private static readonly TokenListParser<TagToken, Declaration> EventType =
        from keyword in Word("event")
        from name in Name
        from description in OptionalText
        select (Declaration)new EventTypeDeclaration(name, description) { Location = At(keyword) };

    private static readonly TokenListParser<TagToken, Declaration> Property =
        from keyword in Word("property")
        from eventType in Name
        from dot in Token.EqualTo(TagToken.Dot)
        from name in Name
        from colon in Token.EqualTo(TagToken.Colon)
        from type in TypeName
        select (Declaration)new PropertyDeclaration(eventType, name, type) { Location = At(keyword) };

    private static readonly TokenListParser<TagToken, Declaration> Score =
        from keyword in Word("score")
        from name in Name
        from description in OptionalText
        select (Declaration)new ScoreDeclaration(name, description) { Location = At(keyword) };

    private static readonly TokenListParser<TagToken, Declaration> TimeZone =
        from keyword in Word("timezone")
        from id in Text
        select (Declaration)new TimeZoneDeclaration(id) { Location = At(keyword) };

    /// <summary>Exactly one declaration, consuming the whole chunk.</summary>
    public static readonly TokenListParser<TagToken, Declaration> Declaration =
        Tag.Or(Segment).Or(Dimension).Or(Attribute).Or(EventType).Or(Property).Or(Score).Or(TimeZone).Or(TriggerGrammar.Declaration).AtEnd();
}
