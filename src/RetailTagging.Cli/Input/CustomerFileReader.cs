using System.Text.Json;
using CsvHelper;
using RetailTagging.Language;
using Cell = RetailTagging.Cli.Input.CustomerRowParser.Cell;
using Column = RetailTagging.Cli.Input.CustomerRowParser.Column;

namespace RetailTagging.Cli.Input;

/// <summary>
/// Streams the customers of a CSV (with a header) or JSON Lines file, chosen by extension, typed by a catalog's
/// schema. Each row becomes a customer or a rejection with its line number: a missing id, a value not of its
/// attribute's type, an impossible date, or a customer id seen before (the reader remembers the ids it has seen,
/// so that set grows with the file). A column the catalog does not know is reported once through the warning
/// callback and ignored. A file that cannot be read at all throws <see cref="CustomerFileException"/>.
/// </summary>
internal sealed class CustomerFileReader
{
    private readonly CustomerRowParser _parser;
    private readonly Action<string> _warn;

    /// <param name="schema">The catalog's schema: which custom attributes exist and their types.</param>
    /// <param name="warn">Receives one message per ignored column, e.g. <c>customers.csv(1): column 'x' ignored: ...</c>.</param>
    public CustomerFileReader(TagSchema schema, Action<string>? warn = null)
    {
        _parser = new CustomerRowParser(schema);
        _warn = warn ?? (_ => { });
    }

    /// <summary>The format of a path by its extension.</summary>
    public static EventFileFormat DetectFormat(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => EventFileFormat.Csv,
        ".jsonl" or ".ndjson" or ".json" => EventFileFormat.JsonLines,
        var other => throw new CustomerFileException(
            $"{path}: unknown customer file extension '{other}'; use .csv, or .jsonl/.ndjson/.json for JSON Lines"),
    };

    /// <summary>Every row of the file, streamed.</summary>
    public IEnumerable<CustomerFileRecord> Read(string path)
    {
        var format = DetectFormat(path);
        if (!File.Exists(path))
            throw new CustomerFileException($"{path}: file not found");
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        foreach (var record in Read(reader, format, Path.GetFileName(path)))
            yield return record;
    }

    /// <summary>Every row from a reader, streamed; <paramref name="source"/> names the input in messages.</summary>
    public IEnumerable<CustomerFileRecord> Read(TextReader reader, EventFileFormat format, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var firstLineOfId = new Dictionary<string, long>(StringComparer.Ordinal);
        var rows = format == EventFileFormat.Csv ? ReadCsv(reader, source) : ReadJsonLines(reader, source);
        foreach (var record in rows)
        {
            if (record.Customer is { } customer && !firstLineOfId.TryAdd(customer.Id, record.Line))
                yield return CustomerFileRecord.Rejected(record.Line, $"duplicate {CustomerRowParser.CustomerId} '{customer.Id}' (first on line {firstLineOfId[customer.Id]})");
            else
                yield return record;
        }
    }

    private IEnumerable<CustomerFileRecord> ReadCsv(TextReader reader, string source)
    {
        var malformed = new Queue<CustomerFileRecord>();
        using var csv = CsvReader.Create(reader, CsvInput.Options(malformed, CustomerFileRecord.Rejected), leaveOpen: true);
        csv.ReadHeader();
        var columns = ResolveHeader(csv.Headers, source);
        var cells = new List<(Column, Cell)>(columns.Length);
        while (csv.Read())
        {
            // The reader skips malformed records and reports them through the callback: emit them in file order.
            while (malformed.TryDequeue(out var bad))
                yield return bad;
            cells.Clear();
            for (var i = 0; i < columns.Length; i++)
                cells.Add((columns[i], Cell.FromText(i < csv.FieldCount ? csv.GetString(i) : null)));
            yield return Build(csv.LineNumber, cells);
        }
        while (malformed.TryDequeue(out var bad))
            yield return bad;
    }

    private Column[] ResolveHeader(IReadOnlyList<string> headers, string source)
    {
        if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
            throw new CustomerFileException($"{source}: empty file; a header row with {CustomerRowParser.CustomerId} is required");
        var columns = headers.Select(_parser.Resolve).ToArray();
        var duplicate = columns.GroupBy(c => c.Header, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new CustomerFileException($"{source}(1): column '{duplicate.Key}' appears more than once");
        if (!columns.Any(c => c.IsId))
            throw new CustomerFileException($"{source}(1): missing required column {CustomerRowParser.CustomerId}; the header is: {string.Join(",", headers)}");
        foreach (var column in columns.Where(c => c.IgnoredBecause is not null))
            _warn($"{source}(1): warning: column '{column.Header}' ignored: {column.IgnoredBecause}");
        return columns;
    }

    private IEnumerable<CustomerFileRecord> ReadJsonLines(TextReader reader, string source)
    {
        var resolved = new Dictionary<string, Column>(StringComparer.Ordinal);
        var cells = new List<(Column, Cell)>();
        long line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
                continue;
            if (ParseJson(text, out var jsonError) is not { } document)
            {
                yield return CustomerFileRecord.Rejected(line, $"not valid JSON: {jsonError}");
                continue;
            }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    yield return CustomerFileRecord.Rejected(line, $"expected a JSON object, found {document.RootElement.ValueKind}");
                    continue;
                }
                cells.Clear();
                string? duplicate = null;
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (!resolved.TryGetValue(property.Name, out var column))
                    {
                        column = _parser.Resolve(property.Name);
                        resolved[property.Name] = column;
                        if (column.IgnoredBecause is not null)
                            _warn($"{source}({line}): warning: field '{column.Header}' ignored: {column.IgnoredBecause}");
                    }
                    if (cells.Any(c => c.Item1.Header.Equals(column.Header, StringComparison.OrdinalIgnoreCase)))
                        duplicate = column.Header;
                    cells.Add((column, Cell.FromJson(property.Value)));
                }
                yield return duplicate is not null
                    ? CustomerFileRecord.Rejected(line, $"field '{duplicate}' appears more than once")
                    : Build(line, cells);
            }
        }
    }

    private static JsonDocument? ParseJson(string text, out string? error)
    {
        try
        {
            error = null;
            return JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    private CustomerFileRecord Build(long line, IReadOnlyList<(Column, Cell)> cells)
    {
        var (customer, error) = _parser.Parse(cells);
        return customer is not null ? CustomerFileRecord.Accepted(line, customer) : CustomerFileRecord.Rejected(line, error!);
    }
}
