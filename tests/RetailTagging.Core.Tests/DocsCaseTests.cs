using RetailTagging.Language;

namespace RetailTagging.Core.Tests;

/// <summary>
/// Every example of docs/language.md, kept in Cases/docs.cases, must evaluate as the docs say,
/// compiled and interpreted alike. A case may start with <c>[Zone/Id]</c> to set the business time zone.
/// </summary>
public class DocsCaseTests
{
    public static IEnumerable<object[]> DocsCases() => CaseFiles.Read("docs.cases");

    [Theory]
    [MemberData(nameof(DocsCases))]
    public void DocumentedExampleEvaluates(string line, string expected, int lineNumber)
    {
        var zone = TimeZoneInfo.Utc;
        var expression = line;
        if (line.StartsWith('['))
        {
            var close = line.IndexOf(']', StringComparison.Ordinal);
            zone = TimeZoneInfo.FindSystemTimeZoneById(line[1..close]);
            expression = line[(close + 1)..].TrimStart();
        }
        LanguageCaseTests.AssertEvaluates(expression, expected, lineNumber, new CompilationOptions { Schema = Fixture.Schema, TimeZone = zone });
    }
}
