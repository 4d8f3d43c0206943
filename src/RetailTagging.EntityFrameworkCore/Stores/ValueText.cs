using System.Collections.Immutable;
using System.Globalization;
using RetailTagging.Diagnostics;
using RetailTagging.Language;
using RetailTagging.Language.Ast;
using RetailTagging.Language.Syntax;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>Tag values as stored: the language's literal syntax (<c>true</c>, <c>"gold"</c>, <c>12.5</c>, <c>90d</c>, <c>[1, 2]</c>).</summary>
internal static class ValueText
{
    public static string Format(Value value) => value.ToString();

    public static string? FormatOrNull(Value value) => value.IsNull ? null : value.ToString();

    public static Value ParseOrNull(string? text) => text is null ? Value.Null : Parse(text);

    /// <summary>Reads a literal written by <see cref="Format"/>; throws <see cref="FormatException"/> for anything else.</summary>
    public static Value Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // The common cases without the lexer: batch runs read every assignment of every customer.
        switch (text)
        {
            case "true": return Value.FromBool(true);
            case "false": return Value.FromBool(false);
            case "null": return Value.Null;
        }
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"' && text.AsSpan(1, text.Length - 2).IndexOfAny('"', '\\') < 0)
            return Value.FromString(text[1..^1]);
        if (text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] == '-') && text.All(c => char.IsAsciiDigit(c) || c is '.' or '-')
            && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return Value.FromNumber(number);

        var diagnostics = new List<Diagnostic>();
        var expr = SyntaxParser.ParseExpression(text, "stored value", LanguageLimits.Default, diagnostics);
        return expr is not null && TryEvaluate(expr, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a stored tag value (a literal such as true, \"gold\", 12.5 or 90d).");
    }

    private static bool TryEvaluate(Expr expr, out Value value)
    {
        switch (expr)
        {
            case LiteralExpr literal:
                value = literal.Value;
                return true;
            case UnaryExpr { Operator: UnaryOperator.Negate, Operand: LiteralExpr { Value: var operand } }
                when operand.AsNumber is { } n:
                value = Value.FromNumber(-n);
                return true;
            case UnaryExpr { Operator: UnaryOperator.Negate, Operand: LiteralExpr { Value: var operand } }
                when operand.AsDuration is { } d:
                value = Value.FromDuration(-d);
                return true;
            case ListExpr list:
                var items = ImmutableArray.CreateBuilder<Value>(list.Items.Count);
                foreach (var item in list.Items)
                {
                    if (!TryEvaluate(item, out var element)) { value = default; return false; }
                    items.Add(element);
                }
                value = Value.FromList(items.MoveToImmutable());
                return true;
            default:
                value = default;
                return false;
        }
    }
}
