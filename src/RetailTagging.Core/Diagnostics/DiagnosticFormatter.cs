using System.Text;

namespace RetailTagging.Diagnostics;

/// <summary>Renders diagnostics with a caret excerpt of the offending source line.</summary>
public static class DiagnosticFormatter
{
    /// <summary>
    /// Formats <paramref name="diagnostic"/> as its MSBuild line followed, when <paramref name="source"/>
    /// is given, by the source line and a caret under the span.
    /// </summary>
    public static string Format(Diagnostic diagnostic, string? source)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var text = new StringBuilder(diagnostic.ToString());
        var line = source is null ? null : GetLine(source, diagnostic.Position.Line);
        if (line is not null)
        {
            // Long lines (minified or generated input) are cut around the caret.
            const int window = 120;
            var column = Math.Clamp(diagnostic.Position.Column - 1, 0, line.Length);
            var start = column > window / 2 ? column - window / 2 : 0;
            var shown = line.Substring(start, Math.Min(window, line.Length - start)).Replace('\t', ' ');
            var caretLength = Math.Clamp(diagnostic.Position.Length, 1, Math.Max(1, shown.Length - (column - start)));
            text.AppendLine().Append("    ").Append(start > 0 ? "..." : "").Append(shown);
            text.AppendLine().Append("    ").Append(' ', (start > 0 ? 3 : 0) + column - start).Append('^', caretLength);
        }
        return text.ToString();
    }

    private static string? GetLine(string source, int lineNumber)
    {
        var current = 1;
        var index = 0;
        while (current < lineNumber)
        {
            index = source.IndexOf('\n', index);
            if (index < 0) return null;
            index++;
            current++;
        }
        var end = source.IndexOf('\n', index);
        var line = end < 0 ? source[index..] : source[index..end];
        return line.TrimEnd('\r');
    }
}
