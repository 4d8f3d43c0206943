namespace RetailTagging.Core.Tests;

/// <summary>Reads "input => expected" case files shipped beside the tests.</summary>
public static class CaseFiles
{
    public static IEnumerable<object[]> Read(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Cases", name);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.StartsWith('#') || string.IsNullOrWhiteSpace(line)) continue;
            var arrow = line.LastIndexOf(" => ", StringComparison.Ordinal);
            if (arrow < 0) throw new FormatException($"{name}({lineNumber}): missing ' => '");
            yield return [line[..arrow], line[(arrow + 4)..].Trim(), lineNumber];
        }
    }
}
