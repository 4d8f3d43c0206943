using System.CommandLine;
using RetailTagging.Catalog;
using RetailTagging.Diagnostics;

namespace RetailTagging.Cli.Commands;

/// <summary>
/// <c>retail-tags check &lt;file.tags&gt;...</c>: compiles the files as one catalog and prints every
/// diagnostic MSBuild-style with a caret excerpt. Exit 0 when clean (warnings allowed), 1 on any error.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Catalog files (.tags) to check as one catalog.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("check", "Check tag catalog files and print every diagnostic.");
        command.Arguments.Add(files);
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            return Run(parseResult.GetValue(files) ?? [], output);
        });
        return command;
    }

    internal static int Run(IReadOnlyList<FileInfo> files, TextWriter output)
    {
        var sources = new List<CatalogSource>();
        var unreadable = 0;
        foreach (var file in files)
        {
            try
            {
                sources.Add(CatalogSource.FromFile(file.FullName) with { Path = file.ToString() });
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                output.WriteLine($"{file}(1,1): error RT0000: cannot read the file: {ex.Message}");
                unreadable++;
            }
        }
        var texts = sources.ToDictionary(s => s.Path, s => s.Text, StringComparer.Ordinal);
        CatalogCompiler.TryCompile(sources, out var catalog, out var diagnostics);
        foreach (var diagnostic in diagnostics)
            output.WriteLine(DiagnosticFormatter.Format(diagnostic, texts.GetValueOrDefault(diagnostic.Position.File)));
        var errors = diagnostics.Count(d => d.IsError) + unreadable;
        var warnings = diagnostics.Count(d => !d.IsError);
        var summary = catalog is null || errors > 0
            ? $"{errors} error(s), {warnings} warning(s)"
            : $"{catalog.Tags.Count} tag(s), {catalog.Segments.Count} segment(s){Triggers(catalog)} in {files.Count} file(s): {warnings} warning(s)";
        output.WriteLine(summary);
        return errors == 0 && catalog is not null ? 0 : 1;
    }

    // Catalogs without lifecycle triggers keep the summary they always had.
    private static string Triggers(CompiledCatalog catalog) => catalog.Triggers.Count == 0 ? "" : $", {catalog.Triggers.Count} trigger(s)";
}
