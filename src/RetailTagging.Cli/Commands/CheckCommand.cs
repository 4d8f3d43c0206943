using System.CommandLine;

namespace RetailTagging.Cli.Commands;

/// <summary><c>retail-tags check &lt;file.tags&gt;...</c>: prints every diagnostic; exit 0 when clean, 1 on any error.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Catalog files (.tags) to check.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("check", "Check tag catalog files and print every diagnostic.");
        command.Arguments.Add(files);
        command.SetAction((parseResult) =>
        {
            var inputs = parseResult.GetValue(files) ?? [];
            parseResult.InvocationConfiguration.Output.WriteLine($"{inputs.Length} file(s)");
            return 0;
        });
        return command;
    }
}
