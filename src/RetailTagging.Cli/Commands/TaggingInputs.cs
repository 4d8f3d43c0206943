using System.CommandLine;
using System.Globalization;
using RetailTagging.Catalog;
using RetailTagging.Cli.Input;
using RetailTagging.Diagnostics;

namespace RetailTagging.Cli.Commands;

/// <summary>
/// The inputs <c>run</c> and <c>explain</c> share: the catalog files, the customer and event files, the as-of
/// instant and <c>--strict</c>, with the steps both take first (compile the catalog, resolve the instant).
/// </summary>
internal sealed class TaggingInputs
{
    public Option<FileInfo[]> Rules { get; } = new("--rules", "-r")
    {
        Description = "Catalog files (.tags), compiled as one catalog.",
        Required = true,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<FileInfo> Customers { get; } = new("--customers", "-c")
    {
        Description = "Customer file: .csv with a header, or .jsonl/.ndjson/.json (JSON Lines); customer_id required.",
        Required = true,
    };

    public Option<FileInfo> Events { get; } = new("--events", "-e")
    {
        Description = "Event file: .csv with a header, or .jsonl/.ndjson/.json; event_id, customer_id, type, occurred_at required.",
        Required = true,
    };

    public Option<string?> AsOf { get; } = new("--as-of")
    {
        Description = "Evaluate as of this ISO-8601 instant (no offset means UTC), or the end of this date (yyyy-MM-dd) in the catalog's time zone. Default: now.",
    };

    public Option<bool> Strict { get; } = new("--strict") { Description = "Fail (exit 1) on the first bad row instead of skipping it." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Rules, Customers, Events, AsOf, Strict })
            command.Options.Add(option);
    }

    /// <summary>Compiles the catalog files; prints every diagnostic to <paramref name="error"/>; null when there are errors.</summary>
    public static CompiledCatalog? CompileCatalog(IReadOnlyList<FileInfo> files, TextWriter error)
    {
        var sources = new List<CatalogSource>();
        foreach (var file in files)
        {
            try
            {
                sources.Add(CatalogSource.FromFile(file.FullName) with { Path = file.ToString() });
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"{file}(1,1): error RT0000: cannot read the file: {ex.Message}");
            }
        }
        if (sources.Count < files.Count)
            return null;
        var texts = sources.ToDictionary(s => s.Path, s => s.Text, StringComparer.Ordinal);
        CatalogCompiler.TryCompile(sources, out var catalog, out var diagnostics);
        foreach (var diagnostic in diagnostics)
            error.WriteLine(DiagnosticFormatter.Format(diagnostic, texts.GetValueOrDefault(diagnostic.Position.File)));
        if (catalog is null || diagnostics.Any(d => d.IsError))
        {
            error.WriteLine($"{diagnostics.Count(d => d.IsError)} error(s) in the catalog: nothing was tagged.");
            return null;
        }
        return catalog;
    }

    /// <summary>
    /// The as-of instant: now when absent; an ISO-8601 instant as given (no offset means UTC); a plain date means the
    /// end of that day in the catalog's business time zone, so that day's events count.
    /// </summary>
    /// <exception cref="ArgumentException">The text is neither.</exception>
    public static DateTimeOffset ResolveAsOf(string? text, TimeZoneInfo zone, TimeProvider time)
    {
        if (text is null)
            return time.GetUtcNow();
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var local = date.ToDateTime(TimeOnly.MaxValue);
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }
        if (EventRowParser.TryParseInstant(text, out var instant))
            return instant;
        throw new ArgumentException($"--as-of '{text}' is not an ISO-8601 instant (e.g. 2024-06-30T18:00:00+08:00) or a date (yyyy-MM-dd).");
    }

    /// <summary>An instant for people: ISO-8601 with its offset, with a fraction only when it has one.</summary>
    public static string FormatInstant(DateTimeOffset instant) =>
        instant.ToString(instant.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "O", CultureInfo.InvariantCulture);

    /// <summary>Checks that an input file exists before any work, for a clear message.</summary>
    /// <exception cref="FileNotFoundException">It does not.</exception>
    public static void RequireFile(FileInfo file, string option)
    {
        if (!File.Exists(file.FullName))
            throw new FileNotFoundException($"{option} {file}: file not found");
    }

    /// <summary>Whether an exception is bad input (a message and exit 1) rather than a bug.</summary>
    public static bool IsInputError(Exception ex) =>
        ex is EventFileException or CustomerFileException or IOException or UnauthorizedAccessException or ArgumentException;
}
