namespace RetailTagging.Diagnostics;

/// <summary>A place in a source text: file name, 1-based line and column, and the length of the span.</summary>
/// <param name="File">The file name, or a label such as <c>&lt;expression&gt;</c>.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Length">Length of the span in characters (at least 1 for display).</param>
public readonly record struct SourcePosition(string File, int Line, int Column, int Length = 1)
{
    /// <summary>A position for inputs that have no text, such as code-declared schema entries.</summary>
    public static SourcePosition None(string file) => new(file, 1, 1, 1);
}
