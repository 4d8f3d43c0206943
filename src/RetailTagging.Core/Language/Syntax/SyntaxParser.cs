using Superpower;
using Superpower.Model;
using RetailTagging.Diagnostics;
using RetailTagging.Language.Ast;

namespace RetailTagging.Language.Syntax;

/// <summary>
/// The front of the pipeline: source text to syntax trees plus diagnostics. It enforces the
/// size and nesting limits before and after the recursive-descent grammar runs.
/// </summary>
internal static class SyntaxParser
{
    public static Expr? ParseExpression(string source, string file, LanguageLimits limits, List<Diagnostic> diagnostics)
    {
        if (!CheckSourceLength(source, file, limits, diagnostics)) return null;
        var before = diagnostics.Count;
        var tokens = Lexer.Tokenize(source, file, diagnostics);
        // After a lexical error the grammar would only report its echo.
        if (diagnostics.Count > before) return null;
        if (tokens.Length == 0)
        {
            diagnostics.Add(DiagnosticCodes.SyntaxError.At(new SourcePosition(file, 1, 1), "the expression is empty"));
            return null;
        }
        if (!CheckBracketDepth(tokens, file, limits, diagnostics) || !CheckExpressionTokens(tokens, file, limits, diagnostics)) return null;
        var expr = Run(ExpressionGrammar.Root, tokens, file, limits, diagnostics);
        return expr is not null && CheckDepth(expr, limits, diagnostics) ? expr : null;
    }

    public static List<Declaration> ParseCatalog(string source, string file, LanguageLimits limits, List<Diagnostic> diagnostics)
    {
        var declarations = new List<Declaration>();
        if (!CheckSourceLength(source, file, limits, diagnostics)) return declarations;
        var lexical = new List<Diagnostic>();
        var tokens = Lexer.Tokenize(source, file, lexical);
        diagnostics.AddRange(lexical);
        foreach (var chunk in SplitDeclarations(tokens, file, diagnostics))
        {
            // A declaration with a lexical error is not parsed: the grammar would only echo it.
            var (first, last) = (chunk[0].Position.Line, chunk[^1].Position.Line);
            if (lexical.Any(d => d.Position.Line >= first && d.Position.Line <= last)) continue;
            // The token limit applies to each declaration's expression; the header is a handful of tokens.
            if (!CheckBracketDepth(chunk, file, limits, diagnostics) || !CheckExpressionTokens(chunk, file, limits, diagnostics)) continue;
            var declaration = Run(CatalogGrammar.Declaration, chunk, file, limits, diagnostics);
            if (declaration is null) continue;
            var expression = declaration switch
            {
                TagDeclaration tag => tag.Expression,
                SegmentDeclaration segment => segment.Expression,
                _ => null,
            };
            if (expression is null || CheckDepth(expression, limits, diagnostics)) declarations.Add(declaration);
        }
        return declarations;
    }

    // A declaration starts at a declaration keyword that is the first token on its line.
    private static IEnumerable<Token<TagToken>[]> SplitDeclarations(Token<TagToken>[] tokens, string file, List<Diagnostic> diagnostics)
    {
        var start = -1;
        var previousLine = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            var startsLine = token.Position.Line != previousLine;
            previousLine = token.Position.Line;
            if (!(startsLine && StartsDeclaration(tokens, i))) continue;
            if (start >= 0) yield return tokens[start..i];
            else if (i > 0) ReportStray(tokens[0], file, diagnostics);
            start = i;
        }
        if (start >= 0) yield return tokens[start..];
        else if (tokens.Length > 0) ReportStray(tokens[0], file, diagnostics);
    }

    // "score churn" declares; "score(\"churn\") > 0.7" on a continuation line is an expression:
    // a declaration keyword is followed by a name (or, for timezone, a string).
    private static bool StartsDeclaration(Token<TagToken>[] tokens, int i)
    {
        if (tokens[i].Kind != TagToken.Identifier || !Keywords.Declarations.Contains(tokens[i].ToStringValue())) return false;
        return i + 1 >= tokens.Length || tokens[i + 1].Kind is TagToken.Identifier or TagToken.String;
    }

    private static void ReportStray(Token<TagToken> token, string file, List<Diagnostic> diagnostics) =>
        diagnostics.Add(DiagnosticCodes.ExpectedDeclaration.At(Position(token, file), Describe(token)));

    private static T? Run<T>(TokenListParser<TagToken, T> parser, Token<TagToken>[] tokens, string file, LanguageLimits limits, List<Diagnostic> diagnostics)
        where T : class
    {
        ExpressionGrammar.File = file;
        StackGuard.Reset();
        var result = parser(new TokenList<TagToken>(tokens));
        if (StackGuard.Exhausted)
        {
            diagnostics.Add(DiagnosticCodes.NestingTooDeep.At(Position(tokens[0], file), limits.MaxDepth));
            return null;
        }
        if (result.HasValue) return result.Value;
        var position = result.Remainder.IsAtEnd
            ? EndOf(tokens[^1], file)
            : Position(result.Remainder.ConsumeToken().Value, file);
        diagnostics.Add(DiagnosticCodes.SyntaxError.At(position, SyntaxMessage(result)));
        return null;
    }

    private static string SyntaxMessage<T>(TokenListParserResult<TagToken, T> result)
    {
        var found = result.Remainder.IsAtEnd ? "end of input" : Describe(result.Remainder.ConsumeToken().Value);
        var expectations = result.Expectations ?? [];
        // A list of every token that may start an expression says less than "an expression".
        var names = expectations.Contains("number") && expectations.Contains("string")
            ? ["an expression"]
            : expectations.Distinct().Take(6).Select(Friendly).ToArray();
        var expected = names.Length > 0 ? ", expected " + string.Join(" or ", names) : "";
        return $"unexpected {found}{expected}";
    }

    // Superpower names token kinds by their enum names; say them as a rule author writes them.
    private static string Friendly(string expectation) => expectation switch
    {
        "l paren" => "'('",
        "r paren" => "')'",
        "l bracket" => "'['",
        "r bracket" => "']'",
        "assign" => "'='",
        "comma" => "','",
        "dot" => "'.'",
        "colon" => "':'",
        "identifier" => "a name",
        "string" => "a string",
        "duration" => "a duration such as 90d",
        "number" => "a number",
        _ => expectation,
    };

    private static string Describe(Token<TagToken> token)
    {
        var text = token.ToStringValue();
        if (text.Length > 24) text = text[..24] + "...";
        return $"'{text}'";
    }

    // Brackets and case/end nest until closed; a run of prefix operators (not, unary minus)
    // nests only as deep as the run is long, and ends at the next operand.
    private static int BracketDepth(Token<TagToken>[] tokens, out Token<TagToken> deepest)
    {
        int depth = 0, prefixes = 0, max = 0;
        deepest = tokens[0];
        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case TagToken.LParen or TagToken.LBracket or TagToken.Case:
                    depth++;
                    break;
                case TagToken.RParen or TagToken.RBracket or TagToken.End:
                    depth = Math.Max(0, depth - 1);
                    prefixes = 0;
                    continue;
                case TagToken.Not or TagToken.Minus:
                    prefixes++;
                    break;
                default:
                    prefixes = 0;
                    continue;
            }
            if (depth + prefixes > max) { max = depth + prefixes; deepest = token; }
        }
        return max;
    }

    // Nesting is checked on tokens before the recursive-descent grammar ever sees them.
    private static bool CheckBracketDepth(Token<TagToken>[] tokens, string file, LanguageLimits limits, List<Diagnostic> diagnostics)
    {
        if (BracketDepth(tokens, out var deepest) <= limits.MaxDepth) return true;
        diagnostics.Add(DiagnosticCodes.NestingTooDeep.At(Position(deepest, file), limits.MaxDepth));
        return false;
    }

    private static bool CheckSourceLength(string source, string file, LanguageLimits limits, List<Diagnostic> diagnostics)
    {
        if (source.Length <= limits.MaxSourceLength) return true;
        diagnostics.Add(DiagnosticCodes.SourceTooLarge.At(new SourcePosition(file, 1, 1), source.Length, limits.MaxSourceLength));
        return false;
    }

    private static bool CheckExpressionTokens(Token<TagToken>[] tokens, string file, LanguageLimits limits, List<Diagnostic> diagnostics)
    {
        if (tokens.Length <= limits.MaxExpressionTokens) return true;
        diagnostics.Add(DiagnosticCodes.ExpressionTooLarge.At(Position(tokens[0], file), tokens.Length, limits.MaxExpressionTokens));
        return false;
    }

    private static bool CheckDepth(Expr expr, LanguageLimits limits, List<Diagnostic> diagnostics)
    {
        if (SyntaxTree.Depth(expr) <= limits.MaxDepth) return true;
        diagnostics.Add(DiagnosticCodes.NestingTooDeep.At(expr.Location.Position, limits.MaxDepth));
        return false;
    }

    private static SourcePosition Position(Token<TagToken> token, string file) =>
        new(file, token.Position.Line, token.Position.Column, Math.Max(1, token.Span.Length));

    private static SourcePosition EndOf(Token<TagToken> token, string file) =>
        new(file, token.Position.Line, token.Position.Column + token.Span.Length, 1);
}
