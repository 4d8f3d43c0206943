using RetailTagging.Diagnostics;

namespace RetailTagging.EntityFrameworkCore.PushDown;

/// <summary>
/// A construct of a segment or tag expression that cannot be translated to SQL. Push-down never
/// drops such a construct or evaluates it on the client: the whole query is refused and every
/// offending construct is reported.
/// </summary>
/// <param name="Construct">The construct as written, e.g. <c>customer.phone</c>, <c>score("churn")</c> or <c>lower()</c>.</param>
/// <param name="Reason">Why it cannot be pushed down, and what to do instead where there is an alternative.</param>
/// <param name="Code">For a compile error of the text (unknown name, type error...), its diagnostic code such as <c>RT1001</c>; null for a construct that compiles but has no SQL translation.</param>
/// <param name="Position">
/// Where it is: in the expression text passed to <see cref="SegmentQuery.TryCreate"/>, or, for a
/// segment or tag named there, in the canonical text of its expression (the file names the segment or tag).
/// </param>
public sealed record PushDownProblem(string Construct, string Reason, SourcePosition Position, string? Code = null)
{
    /// <summary>The problem as one line: <c>segment 'x'(1,5): 'customer.phone' cannot be pushed down to SQL: ...</c>, or the compile error.</summary>
    public override string ToString() => Code is null
        ? $"{Position.File}({Position.Line},{Position.Column}): '{Construct}' cannot be pushed down to SQL: {Reason}"
        : $"{Position.File}({Position.Line},{Position.Column}): error {Code}: {Reason}";
}
