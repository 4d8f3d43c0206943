using System.CommandLine;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RetailTagging.Cli.Report;
using RetailTagging.EntityFrameworkCore;

namespace RetailTagging.Cli.Commands;

/// <summary>
/// <c>retail-tags report --db &lt;file&gt; --out report.html</c>: one self-contained HTML page with SVG charts of a
/// RetailTagging SQLite database (tag populations by dimension, the RFM heat map, segment sizes, trigger counts, tag
/// changes over time). Reads the database only. Exit 0 on success, 1 when the file is missing or is not such a database.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var database = new Option<FileInfo>("--db") { Description = "The SQLite database (e.g. the file retail-tags demo wrote).", Required = true };
        var output = new Option<FileInfo>("--out", "-o")
        {
            Description = "The HTML file to write.",
            DefaultValueFactory = _ => new FileInfo("report.html"),
        };
        var command = new Command("report", "Write a self-contained HTML report with charts of a RetailTagging SQLite database.");
        command.Options.Add(database);
        command.Options.Add(output);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var config = parseResult.InvocationConfiguration;
            var db = parseResult.GetValue(database)!;
            var target = parseResult.GetValue(output)!;
            try
            {
                var data = await ReadAsync(db, cancellationToken).ConfigureAwait(false);
                var html = ReportPage.Render(data);
                var temporary = Path.Combine(Path.GetDirectoryName(target.FullName) ?? ".", $".{target.Name}.{Environment.ProcessId}.partial");
                await File.WriteAllTextAsync(temporary, html, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
                File.Move(temporary, target.FullName, overwrite: true);
                config.Output.WriteLine($"retail-tags report: wrote {target} ({html.Length / 1024.0:0} KB): {data.Customers:N0} customers, {data.Dimensions.Count} dimensions, {data.Triggers.Count} triggers");
                return 0;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException or ReportDatabaseException)
            {
                config.Error.WriteLine($"retail-tags report: error: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<ReportData> ReadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
            throw new ReportDatabaseException($"--db {file}: file not found");
        var connection = new SqliteConnectionStringBuilder { DataSource = file.FullName, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var db = new RetailTaggingDbContext(new DbContextOptionsBuilder<RetailTaggingDbContext>().UseSqlite(connection).Options);
        try
        {
            return await ReportQueries.ReadAsync(db, file.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 1 or 26)
        {
            // SQLITE_ERROR (no such table) or SQLITE_NOTADB: not a database the RetailTagging model wrote.
            throw new ReportDatabaseException($"--db {file}: not a RetailTagging database ({ex.Message})");
        }
    }

    /// <summary>The database cannot be reported on.</summary>
    private sealed class ReportDatabaseException(string message) : Exception(message);
}
