namespace RetailTagging.Diagnostics;

/// <summary>
/// One problem found in a catalog or expression, printed MSBuild-style as
/// <c>file(line,col): error RT1001: message</c> so editors and CI understand it.
/// </summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Code">The stable code, e.g. <c>RT1001</c>; see docs/diagnostics.md.</param>
/// <param name="Message">What is wrong, for a human.</param>
/// <param name="Position">Where it is.</param>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Code, string Message, SourcePosition Position)
{
    /// <summary>True for errors.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Position.File}({Position.Line},{Position.Column}): {(IsError ? "error" : "warning")} {Code}: {Message}";
}
