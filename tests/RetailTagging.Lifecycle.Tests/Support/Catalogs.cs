using RetailTagging.Catalog;

namespace RetailTagging.Lifecycle.Tests.Support;

/// <summary>Compiles catalog text and the documented playbook file (docs/examples/lifecycle-playbook.tags).</summary>
public static class Catalogs
{
    public static string PlaybookText => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Catalog", "lifecycle-playbook.tags"));

    public static CompiledCatalog Playbook => Compile(PlaybookText, "lifecycle-playbook.tags");

    public static CompiledCatalog Compile(string text, string file = "t.tags")
    {
        if (CatalogCompiler.TryCompile([new CatalogSource(file, text)], out var catalog, out var diagnostics)) return catalog!;
        throw new InvalidOperationException("The catalog does not compile:\n" + string.Join("\n", diagnostics));
    }

    /// <summary>The diagnostics (errors and warnings) as "line,col code" plus the message.</summary>
    public static IReadOnlyList<RetailTagging.Diagnostics.Diagnostic> Diagnose(string text)
    {
        CatalogCompiler.TryCompile([new CatalogSource("t.tags", text)], out _, out var diagnostics);
        return diagnostics;
    }
}
