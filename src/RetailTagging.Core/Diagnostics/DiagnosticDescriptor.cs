using System.Globalization;

namespace RetailTagging.Diagnostics;

/// <summary>A stable diagnostic code with its severity and message template.</summary>
internal sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string Template)
{
    public Diagnostic At(SourcePosition position, params object?[] args) =>
        new(Severity, Code, string.Format(CultureInfo.InvariantCulture, Template, args), position);
}
