using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RetailTagging.Docs.Tests;

/// <summary>
/// Every ```csharp block of the documents below is a complete program: it is compiled with
/// Roslyn against the RetailTagging assemblies and run, and when a ```text block follows it,
/// the program's output must be exactly that text.
/// </summary>
public partial class DocumentationExamples
{
    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        foreach (var document in new[] { "README.md", "docs/getting-started.md" })
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Docs", document);
            if (!File.Exists(path)) continue;
            for (var i = 0; i < Blocks(File.ReadAllText(path)).Count; i++) data.Add(document, i);
        }
        return data;
    }

    [GeneratedRegex(@"```csharp\r?\n(?<code>.*?)```(\s*```text\r?\n(?<output>.*?)```)?", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    private static List<(string Code, string? Output)> Blocks(string markdown) =>
        [.. CodeBlock().Matches(markdown).Select(m => (m.Groups["code"].Value, m.Groups["output"].Success ? m.Groups["output"].Value : null))];

    [Theory]
    [MemberData(nameof(Examples))]
    public void CompilesAndRuns(string document, int index)
    {
        var (code, expected) = Blocks(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", document)))[index];
        var output = CompileAndRun(code, $"{document} example {index + 1}");
        if (expected is not null) Assert.Equal(expected.ReplaceLineEndings().TrimEnd(), output.ReplaceLineEndings().TrimEnd());
    }

    // What "dotnet new console" projects import implicitly.
    private static readonly SyntaxTree ImplicitUsings = CSharpSyntaxTree.ParseText("""
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """, new CSharpParseOptions(LanguageVersion.Latest));

    private static string CompileAndRun(string code, string name)
    {
        // Reference what the host would: the framework plus the RetailTagging and Microsoft.Extensions assemblies.
        _ = typeof(RetailTagging.Catalog.CatalogCompiler);
        _ = typeof(Microsoft.Extensions.DependencyInjection.ServiceCollection);
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var local = Directory.GetFiles(AppContext.BaseDirectory, "*.dll").Where(f =>
            Path.GetFileName(f).StartsWith("RetailTagging.", StringComparison.Ordinal) && !f.EndsWith("Tests.dll", StringComparison.Ordinal)
            || Path.GetFileName(f).StartsWith("Microsoft.Extensions.", StringComparison.Ordinal));
        var references = trusted.Concat(local).Distinct().Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            "Example" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest), path: name), ImplicitUsings],
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, name + ":\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var context = new AssemblyLoadContext(name, isCollectible: true);
        try
        {
            image.Position = 0;
            var assembly = context.LoadFromStream(image);
            var writer = new StringWriter();
            var original = Console.Out;
            Console.SetOut(writer);
            try
            {
                var entry = assembly.EntryPoint!;
                var result = entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
                if (result is Task task) task.GetAwaiter().GetResult();
            }
            finally
            {
                Console.SetOut(original);
            }
            return writer.ToString();
        }
        finally
        {
            context.Unload();
        }
    }
}
