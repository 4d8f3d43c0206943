using Superpower.Model;
using RetailTagging.Diagnostics;

namespace RetailTagging.Language.Syntax;

/// <summary>
/// Turns source text into tokens. Unlike a fail-fast tokenizer it reports every lexical error
/// and goes on, so that one bad character does not hide the errors after it.
/// </summary>
internal sealed class Lexer
{
    private readonly string _source;
    private readonly string _file;
    private readonly List<Token<TagToken>> _tokens = [];
    private readonly List<Diagnostic> _diagnostics;
    private int _index;
    private int _line = 1;
    private int _column = 1;

    private Lexer(string source, string file, List<Diagnostic> diagnostics)
    {
        _source = source;
        _file = file;
        _diagnostics = diagnostics;
    }

    public static Token<TagToken>[] Tokenize(string source, string file, List<Diagnostic> diagnostics)
    {
        var lexer = new Lexer(source, file, diagnostics);
        lexer.Run();
        return [.. lexer._tokens];
    }

    private char Current => _index < _source.Length ? _source[_index] : '\0';
    private char Peek(int offset) => _index + offset < _source.Length ? _source[_index + offset] : '\0';

    private void Advance()
    {
        if (_source[_index] == '\n') { _line++; _column = 1; } else _column++;
        _index++;
    }

    private void Run()
    {
        while (_index < _source.Length)
        {
            var ch = Current;
            if (char.IsWhiteSpace(ch)) { Advance(); continue; }
            if (ch == '#' || (ch == '/' && Peek(1) == '/'))
            {
                while (_index < _source.Length && Current != '\n') Advance();
                continue;
            }
            var start = new Position(_index, _line, _column);
            if (char.IsAsciiDigit(ch)) ReadNumberDateOrDuration(start);
            else if (IsIdentifierStart(ch)) ReadIdentifier(start);
            else if (ch == '@' && IsIdentifierStart(Peek(1))) { Advance(); ReadWord(); Emit(TagToken.TagReference, start); }
            else if (ch == '"') ReadString(start);
            else ReadPunctuation(start, ch);
        }
    }

    private static bool IsIdentifierStart(char ch) => char.IsAsciiLetter(ch) || ch == '_';
    private static bool IsIdentifierPart(char ch) => char.IsAsciiLetterOrDigit(ch) || ch == '_';

    private void ReadWord()
    {
        while (IsIdentifierPart(Current)) Advance();
    }

    private void ReadIdentifier(Position start)
    {
        ReadWord();
        var word = _source[start.Absolute.._index];
        Emit(Keywords.Expression.TryGetValue(word, out var keyword) ? keyword : TagToken.Identifier, start);
    }

    private void ReadNumberDateOrDuration(Position start)
    {
        // yyyy-MM-dd[Thh:mm[:ss[.fff]][Z|+hh:mm]] is a date or instant literal.
        if (LooksLikeDate())
        {
            for (var i = 0; i < 10; i++) Advance();
            var kind = TagToken.Date;
            if (Current == 'T' && char.IsAsciiDigit(Peek(1)))
            {
                kind = TagToken.Instant;
                while (char.IsAsciiDigit(Current) || Current is ':' or '.' or 'T' or 'Z' or '+' || (Current == '-' && char.IsAsciiDigit(Peek(1))))
                    Advance();
            }
            var text = _source[start.Absolute.._index];
            var ok = kind == TagToken.Date ? LiteralReader.TryDate(text, out _, out var error) : LiteralReader.TryInstant(text, out _, out error);
            if (!ok) Report(DiagnosticCodes.InvalidLiteral.At(Span(start), kind == TagToken.Date ? "date" : "instant", text, error));
            Emit(kind, start, valid: ok);
            return;
        }
        while (char.IsAsciiDigit(Current)) Advance();
        if (Current == '.' && char.IsAsciiDigit(Peek(1)))
        {
            Advance();
            while (char.IsAsciiDigit(Current)) Advance();
        }
        if (Current is 'w' or 'd' or 'h' or 'm' or 's' && !IsIdentifierPart(Peek(1)))
        {
            Advance();
            var durationText = _source[start.Absolute.._index];
            var validDuration = LiteralReader.TryDuration(durationText, out _, out var durationError);
            if (!validDuration) Report(DiagnosticCodes.InvalidLiteral.At(Span(start), "duration", durationText, durationError));
            Emit(TagToken.Duration, start, validDuration);
            return;
        }
        if (IsIdentifierStart(Current))
        {
            ReadWord();
            Report(DiagnosticCodes.InvalidLiteral.At(Span(start), "number", _source[start.Absolute.._index],
                "a number may be followed only by a duration unit w, d, h, m or s"));
            Emit(TagToken.Null, start);
            return;
        }
        var numberText = _source[start.Absolute.._index];
        var validNumber = LiteralReader.TryNumber(numberText, out _, out var numberError);
        if (!validNumber) Report(DiagnosticCodes.InvalidLiteral.At(Span(start), "number", numberText, numberError));
        Emit(TagToken.Number, start, validNumber);
    }

    private bool LooksLikeDate()
    {
        if (_index + 10 > _source.Length) return false;
        for (var i = 0; i < 10; i++)
        {
            var c = _source[_index + i];
            var ok = i is 4 or 7 ? c == '-' : char.IsAsciiDigit(c);
            if (!ok) return false;
        }
        return !IsIdentifierPart(Peek(10)) || Peek(10) == 'T';
    }

    private void ReadString(Position start)
    {
        Advance();
        while (true)
        {
            if (_index >= _source.Length || Current == '\n')
            {
                Report(DiagnosticCodes.UnterminatedString.At(Span(start)));
                Emit(TagToken.Null, start);
                return;
            }
            if (Current == '"') { Advance(); break; }
            if (Current == '\\')
            {
                var escapeStart = new Position(_index, _line, _column);
                Advance();
                var escape = Current;
                if (escape == 'u')
                {
                    var hex = 0;
                    while (hex < 4 && Uri.IsHexDigit(Peek(1 + hex))) hex++;
                    if (hex < 4) Report(DiagnosticCodes.InvalidEscape.At(new SourcePosition(_file, escapeStart.Line, escapeStart.Column, 2 + hex), "u"));
                    for (var i = 0; i <= hex; i++) Advance();
                    continue;
                }
                if (escape is not ('"' or '\\' or 'n' or 'r' or 't'))
                    Report(DiagnosticCodes.InvalidEscape.At(new SourcePosition(_file, escapeStart.Line, escapeStart.Column, 2), escape == '\0' ? "" : escape.ToString()));
                if (_index < _source.Length && Current != '\n') Advance();
                continue;
            }
            Advance();
        }
        Emit(TagToken.String, start);
    }

    private void ReadPunctuation(Position start, char ch)
    {
        var next = Peek(1);
        (TagToken kind, int length) = ch switch
        {
            '(' => (TagToken.LParen, 1),
            ')' => (TagToken.RParen, 1),
            '[' => (TagToken.LBracket, 1),
            ']' => (TagToken.RBracket, 1),
            ',' => (TagToken.Comma, 1),
            '.' => (TagToken.Dot, 1),
            ':' => (TagToken.Colon, 1),
            '=' when next == '=' => (TagToken.Equal, 2),
            '=' => (TagToken.Assign, 1),
            '!' when next == '=' => (TagToken.NotEqual, 2),
            '<' when next == '=' => (TagToken.LessOrEqual, 2),
            '<' when next == '>' => (TagToken.NotEqual, 2),
            '<' => (TagToken.Less, 1),
            '>' when next == '=' => (TagToken.GreaterOrEqual, 2),
            '>' => (TagToken.Greater, 1),
            '+' => (TagToken.Plus, 1),
            '-' => (TagToken.Minus, 1),
            '*' => (TagToken.Star, 1),
            '/' => (TagToken.Slash, 1),
            '%' => (TagToken.Percent, 1),
            _ => (TagToken.None, 1),
        };
        if (kind == TagToken.None)
        {
            var shown = char.IsControl(ch) ? $"\\u{(int)ch:X4}" : ch.ToString();
            Report(DiagnosticCodes.InvalidCharacter.At(new SourcePosition(_file, start.Line, start.Column), shown));
            Advance();
            return;
        }
        for (var i = 0; i < length; i++) Advance();
        Emit(kind, start);
    }

    // A literal already reported as invalid is emitted as null so that parsing goes on and
    // finds the errors after it, without a second report for the same literal.
    private void Emit(TagToken kind, Position start, bool valid = true) =>
        _tokens.Add(new Token<TagToken>(valid ? kind : TagToken.Null, new TextSpan(_source, start, _index - start.Absolute)));

    private SourcePosition Span(Position start) => new(_file, start.Line, start.Column, Math.Max(1, _index - start.Absolute));

    private void Report(Diagnostic diagnostic) => _diagnostics.Add(diagnostic);
}
