using Spectre.Console;

namespace RetailTagging.Cli.Demo;

/// <summary>
/// A Spectre console over the command's output: colours and live progress bars on a terminal, plain text 120 columns
/// wide when the output is redirected or captured (tests, CI logs).
/// </summary>
internal static class DemoConsole
{
    /// <summary>Whether <paramref name="output"/> is an interactive terminal (live progress bars make sense there only).</summary>
    public static bool IsTerminal(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    public static IAnsiConsole Create(TextWriter output)
    {
        var terminal = IsTerminal(output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        if (!terminal)
            console.Profile.Width = 120;
        return console;
    }
}
