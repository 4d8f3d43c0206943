using System.CommandLine;
using System.Runtime.CompilerServices;
using System.Text;
using RetailTagging.Catalog;
using RetailTagging.Cli.Input;
using RetailTagging.Cli.Output;
using RetailTagging.Engine;

namespace RetailTagging.Cli.Commands;

/// <summary>
/// <c>retail-tags run --rules &lt;file.tags&gt;... --customers &lt;file&gt; --events &lt;file&gt; [--as-of &lt;instant&gt;] [--out &lt;file&gt;] [--strict]</c>:
/// tags every customer and writes one row per assigned tag (CSV, or JSON Lines for <c>.jsonl</c>) to the file or
/// stdout. Bad rows and the summary go to stderr so stdout stays machine-readable. Exit 0 on success, 1 on a bad
/// catalog, unreadable input, or a bad row under <c>--strict</c>.
/// </summary>
internal static partial class RunCommand
{
    public static Command Create(TimeProvider? time = null)
    {
        var inputs = new TaggingInputs();
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the rows here: .csv, or .jsonl/.ndjson/.json for JSON Lines. Default: CSV on stdout." };
        var command = new Command("run", "Tag every customer of a dataset and write one row per assigned tag.");
        var database = new DatabaseOptions();
        inputs.AddTo(command);
        command.Options.Add(output);
        database.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var config = parseResult.InvocationConfiguration;
            var request = new Request(parseResult.GetValue(inputs.Rules) ?? [], parseResult.GetValue(inputs.Customers)!, parseResult.GetValue(inputs.Events)!,
                parseResult.GetValue(inputs.AsOf), parseResult.GetValue(output), parseResult.GetValue(inputs.Strict), database.Read(parseResult));
            try
            {
                return await RunAsync(request, config.Output, config.Error, time ?? TimeProvider.System, cancellationToken);
            }
            catch (Exception ex) when (TaggingInputs.IsInputError(ex))
            {
                config.Error.WriteLine($"retail-tags run: error: {ex.Message}");
                return 1;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C or SIGTERM: the partial --out file is deleted; 130 is the shell's code for an interrupted command.
                config.Error.WriteLine("retail-tags run: cancelled");
                return 130;
            }
        });
        return command;
    }

    private sealed record Request(FileInfo[] Rules, FileInfo Customers, FileInfo Events, string? AsOf, FileInfo? Out, bool Strict, DatabaseTarget? Database);

    private static async Task<int> RunAsync(Request request, TextWriter stdout, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        TaggingInputs.RequireFile(request.Customers, "--customers");
        TaggingInputs.RequireFile(request.Events, "--events");
        request.Database?.Validate();
        CustomerFileReader.DetectFormat(request.Customers.FullName);
        EventFileReader.DetectFormat(request.Events.FullName);
        var catalog = TaggingInputs.CompileCatalog(request.Rules, error);
        if (catalog is null)
            return 1;
        var asOf = TaggingInputs.ResolveAsOf(request.AsOf, catalog.TimeZone, time);

        var problems = new InputProblemLog(error, request.Strict);
        var events = CustomerEventIndex.Load(request.Events.FullName, catalog.Schema, asOf, problems, cancellationToken: cancellationToken);
        if (problems.Failed)
            return 1;

        var engine = new TagEngine(catalog, scoreProviders: catalog.Schema.Scores.Count > 0 ? [new CustomerColumnScores()] : null);
        if (request.Database is { } database)
            return await RunWithDatabaseAsync(request, database, catalog, engine, asOf, events, problems, stdout, error, cancellationToken);
        using var target = OutputTarget.Open(request.Out, stdout);
        var customerSource = request.Customers.Name;
        long customers = 0, tagged = 0, written;
        using (var rows = TagRowWriter.Create(target.Writer, request.Out?.Name))
        {
            var histories = Histories(new CustomerFileReader(catalog.Schema, problems.Warn), request.Customers.FullName, customerSource, events, problems);
            await foreach (var evaluation in engine.EvaluateBatchAsync(histories, asOf, progress: null, cancellationToken))
            {
                customers++;
                if (evaluation.Tags.Count > 0)
                    tagged++;
                // Catalog order (dependencies first), so the output is the same on every run.
                foreach (var assignment in evaluation.Tags.Values.OrderBy(a => catalog.IndexOf(a.Tag)))
                    rows.Write(evaluation.Tags.CustomerId, assignment.Tag, assignment.Value);
            }
            rows.Flush();
            written = rows.Rows;
        }
        if (!problems.Failed)
            events.RejectRemaining(problems, customerSource);
        if (problems.Failed)
            return 1; // the partial --out file is deleted; stdout already has the rows written so far
        target.Commit();
        error.WriteLine(Summary(catalog, asOf, customers, tagged, written, problems, customerSource, events));
        return 0;
    }

    // The customers file is streamed; each customer takes (and frees) their events from the index.
    private static async IAsyncEnumerable<CustomerHistory> Histories(CustomerFileReader reader, string path, string source, CustomerEventIndex events,
        InputProblemLog problems, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var record in reader.Read(path))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (record.Customer is not { } customer)
            {
                problems.Reject(source, record.Line, record.Reason!);
                if (problems.Failed)
                    yield break;
                continue;
            }
            yield return new CustomerHistory(customer, events.Take(customer.Id));
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static string Summary(CompiledCatalog catalog, DateTimeOffset asOf, long customers, long tagged, long rows, InputProblemLog problems,
        string customerSource, CustomerEventIndex events)
    {
        var text = new StringBuilder()
            .Append($"retail-tags run: {customers} customer(s) tagged as of {TaggingInputs.FormatInstant(asOf)} with {catalog.Tags.Count} tag(s): ")
            .Append($"{rows} tag(s) assigned, {tagged} customer(s) hold at least one; ")
            .Append($"rejected rows: {problems.RejectedIn(customerSource)} in {customerSource}, {problems.RejectedIn(events.Source)} in {events.Source}");
        if (events.EventsAfterAsOf > 0)
            text.Append($"; {events.EventsAfterAsOf} event(s) after the as-of instant not used");
        return text.ToString();
    }

    /// <summary>
    /// Where the rows go: stdout, or a temporary file beside <c>--out</c> that replaces it only when the run succeeds,
    /// so a failed run never leaves a half-written file that looks complete.
    /// </summary>
    private sealed class OutputTarget : IDisposable
    {
        private readonly string? _path, _temporary;
        private bool _committed;

        private OutputTarget(TextWriter writer, string? path, string? temporary) => (Writer, _path, _temporary) = (writer, path, temporary);

        public TextWriter Writer { get; }

        public static OutputTarget Open(FileInfo? file, TextWriter stdout)
        {
            if (file is null)
                return new OutputTarget(stdout, null, null);
            var path = file.FullName;
            var temporary = Path.Combine(Path.GetDirectoryName(path) ?? ".", $".{Path.GetFileName(path)}.{Environment.ProcessId}.partial");
            return new OutputTarget(new StreamWriter(temporary, append: false, new UTF8Encoding(false)), path, temporary);
        }

        public void Commit()
        {
            Writer.Flush();
            if (_path is null)
                return;
            Writer.Dispose();
            File.Move(_temporary!, _path, overwrite: true);
            _committed = true;
        }

        public void Dispose()
        {
            if (_path is null || _committed)
                return;
            Writer.Dispose();
            File.Delete(_temporary!);
        }
    }
}
