using System.CommandLine;
using RetailTagging.Cli.Commands;

namespace RetailTagging.Cli;

/// <summary>The <c>retail-tags</c> command tree. Each command lives in its own file under Commands/.</summary>
public static class CliApplication
{
    /// <summary>Builds the root command with every sub-command.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("retail-tags: check, run and explain RetailTagging tag catalogs.");
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(IdentityCommand.Create());
        root.Subcommands.Add(RfmCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        return root;
    }

    /// <summary>Parses and runs the command line; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var root = CreateRootCommand();
        var config = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
        };
        try
        {
            return root.Parse(args).Invoke(config);
        }
        catch (Exception ex)
        {
            // Last line of defence: the tool never ends with a crash exit code.
            (error ?? Console.Error).WriteLine($"retail-tags: internal error: {ex.Message}");
            return 2;
        }
    }
}
