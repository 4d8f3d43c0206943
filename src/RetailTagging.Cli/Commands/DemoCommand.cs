using System.CommandLine;
using RetailTagging.Cli.Demo;
using Spectre.Console;

namespace RetailTagging.Cli.Commands;

/// <summary>
/// <c>retail-tags demo [--customers N] [--db &lt;file&gt;] [--seed S] [--weeks W]</c>: the library's real job on realistic
/// data in one command: generate a synthetic retail population, resolve identities, score RFM and the predictive
/// models, tag with the reference catalog in weekly runs, replay the lifecycle triggers, store everything in a SQLite
/// file and print a summary. Exit 0 on success, 1 on a bad option or an unwritable file, 130 when cancelled.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var customers = new Option<long>("--customers", "-n")
        {
            Description = "How many synthetic customers to generate (1 to 10,000,000).",
            DefaultValueFactory = _ => DemoSettings.DefaultCustomers,
        };
        var database = new Option<FileInfo>("--db")
        {
            Description = "The SQLite file to create; an existing file is replaced (with a notice).",
            DefaultValueFactory = _ => new FileInfo(DemoSettings.DefaultDatabase),
        };
        var seed = new Option<int>("--seed") { Description = "The generator's seed: the same seed gives the same data and results.", DefaultValueFactory = _ => DemoSettings.DefaultSeed };
        var weeks = new Option<int>("--weeks")
        {
            Description = "Weekly tagging runs before the final one (0 to 52), for the tag history. Each costs one more evaluation per customer.",
            DefaultValueFactory = _ => DemoSettings.DefaultWeeks,
        };
        var command = new Command("demo", "Generate a synthetic retail population, resolve, score, tag and trigger it, store it in SQLite and print a summary.");
        foreach (var option in new Option[] { customers, database, seed, weeks })
            command.Options.Add(option);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var config = parseResult.InvocationConfiguration;
            var settings = new DemoSettings(parseResult.GetValue(customers), parseResult.GetValue(database)!.ToString(), parseResult.GetValue(seed),
                parseResult.GetValue(weeks), Environment.ProcessorCount);
            try
            {
                return await RunAsync(settings, config.Output, config.Error, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                config.Error.WriteLine($"retail-tags demo: error: {ex.Message}");
                return 1;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                config.Error.WriteLine("retail-tags demo: cancelled; the database file is incomplete");
                return 130;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(DemoSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        settings.Validate();
        var console = DemoConsole.Create(output);
        if (File.Exists(settings.DatabasePath))
            error.WriteLine($"retail-tags demo: replacing the existing file {settings.DatabasePath}");
        await using var store = new SqliteDemoStore(settings.DatabasePath, settings.Seed);
        DemoSummary? summary = null;
        if (DemoConsole.IsTerminal(output))
            await DemoProgressDisplay.RunAsync(console, async progress =>
            {
                summary = await new DemoPipeline(settings, store, progress).RunAsync(cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        else
            summary = await new DemoPipeline(settings, store, SilentProgress.Instance).RunAsync(cancellationToken).ConfigureAwait(false); // logs: no bars
        DemoSummaryWriter.Write(console, summary!);
        return 0;
    }
}
