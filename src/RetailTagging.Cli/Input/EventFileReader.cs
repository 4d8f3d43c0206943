using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CsvHelper;

namespace RetailTagging.Cli.Input;

/// <summary>
/// Reads customer events from CSV (with a header) or JSON Lines, chosen by file extension, one row at a time:
/// nothing is loaded whole. Required columns: <c>event_id, customer_id, type, occurred_at</c> (ISO-8601; no offset
/// means UTC); optional: <c>amount, channel, store, sku, category, brand, quantity</c>; any other column becomes a
/// custom string property. A bad row becomes a rejection with its line number and reason, or, when
/// <c>strict</c>, an <see cref="EventFileException"/>. A file without the required columns always throws.
/// </summary>
internal static class EventFileReader
{
    /// <summary>The format of a path by its extension; throws <see cref="EventFileException"/> for an unknown one.</summary>
    public static EventFileFormat DetectFormat(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => EventFileFormat.Csv,
            ".jsonl" or ".ndjson" or ".json" => EventFileFormat.JsonLines,
            var other => throw new EventFileException(
                $"{path}: unknown event file extension '{other}'; use .csv, or .jsonl/.ndjson/.json for JSON Lines"),
        };
    }

    /// <summary>Every row of the file as an event or a rejection, streamed.</summary>
    public static IEnumerable<EventFileRecord> ReadRecords(string path, bool strict = false)
    {
        var format = DetectFormat(path);
        using var reader = OpenText(path);
        foreach (var record in ReadRecords(reader, format, Path.GetFileName(path), strict))
            yield return record;
    }

    /// <summary>The valid events of the file, streamed; rejections go to <paramref name="rejections"/> as they are met.</summary>
    public static IEnumerable<CustomerEvent> ReadEvents(string path, EventRejectionLog rejections, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(rejections);
        foreach (var record in ReadRecords(path, strict))
        {
            if (record.Event is { } e)
                yield return e;
            else
                rejections.Add(record.Rejection!);
        }
    }

    /// <summary>Every row from a reader, streamed; <paramref name="source"/> names the input in messages.</summary>
    public static IEnumerable<EventFileRecord> ReadRecords(TextReader reader, EventFileFormat format, string source, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = format == EventFileFormat.Csv ? ReadCsv(reader, source) : ReadJsonLines(reader);
        foreach (var record in records)
            yield return Checked(record, source, strict);
    }

    /// <summary>Every row of the file, streamed asynchronously.</summary>
    public static async IAsyncEnumerable<EventFileRecord> ReadRecordsAsync(string path, bool strict = false,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var format = DetectFormat(path);
        var source = Path.GetFileName(path);
        using var reader = OpenText(path);
        if (format == EventFileFormat.Csv)
        {
            var malformed = new Queue<EventFileRecord>();
            using var csv = CsvReader.Create(reader, CsvInput.Options(malformed, EventFileRecord.Rejected), leaveOpen: true);
            await csv.ReadHeaderAsync(cancellationToken);
            var header = ValidateHeader(csv, source);
            while (await csv.ReadAsync(cancellationToken))
            {
                while (malformed.TryDequeue(out var bad))
                    yield return Checked(bad, source, strict);
                yield return Checked(CsvRow(csv, header), source, strict);
            }
            while (malformed.TryDequeue(out var bad))
                yield return Checked(bad, source, strict);
        }
        else
        {
            long line = 0;
            while (await reader.ReadLineAsync(cancellationToken) is { } text)
            {
                line++;
                if (!string.IsNullOrWhiteSpace(text))
                    yield return Checked(JsonRow(text, line), source, strict);
            }
        }
    }

    private static EventFileRecord Checked(EventFileRecord record, string source, bool strict) =>
        strict && record.Rejection is { } rejection ? throw new EventFileException(rejection.Format(source)) : record;

    private static StreamReader OpenText(string path)
    {
        if (!File.Exists(path))
            throw new EventFileException($"{path}: file not found");
        return new StreamReader(path, detectEncodingFromByteOrderMarks: true);
    }

    private static IEnumerable<EventFileRecord> ReadCsv(TextReader reader, string source)
    {
        var malformed = new Queue<EventFileRecord>();
        using var csv = CsvReader.Create(reader, CsvInput.Options(malformed, EventFileRecord.Rejected), leaveOpen: true);
        csv.ReadHeader();
        var header = ValidateHeader(csv, source);
        while (csv.Read())
        {
            // Malformed records are skipped by the reader and reported through the callback: emit them in file order.
            while (malformed.TryDequeue(out var bad))
                yield return bad;
            yield return CsvRow(csv, header);
        }
        while (malformed.TryDequeue(out var bad))
            yield return bad;
    }

    private static string[] ValidateHeader(CsvReader csv, string source)
    {
        var header = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (header.Length == 0 || header.All(string.IsNullOrEmpty))
            throw new EventFileException($"{source}: empty file; a header row is required");
        var duplicate = header.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new EventFileException($"{source}(1): column '{duplicate.Key}' appears more than once");
        var missing = EventRowParser.Required.Where(r => !header.Contains(r)).ToList();
        if (missing.Count > 0)
            throw new EventFileException($"{source}(1): missing required column(s) {string.Join(", ", missing)}; the header is: {string.Join(",", header)}");
        return header;
    }

    private static EventFileRecord CsvRow(CsvReader csv, string[] header)
    {
        var fields = new KeyValuePair<string, string?>[header.Length];
        for (var i = 0; i < header.Length; i++)
            fields[i] = new(header[i], i < csv.FieldCount ? csv.GetString(i) : null);
        return Build(csv.LineNumber, fields);
    }

    private static IEnumerable<EventFileRecord> ReadJsonLines(TextReader reader)
    {
        long line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (!string.IsNullOrWhiteSpace(text))
                yield return JsonRow(text, line);
        }
    }

    private static EventFileRecord JsonRow(string text, long line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            return EventFileRecord.Rejected(line, $"not valid JSON: {ex.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return EventFileRecord.Rejected(line, $"expected a JSON object, found {document.RootElement.ValueKind}");
            var fields = new List<KeyValuePair<string, string?>>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var name = property.Name.Trim().ToLowerInvariant();
                var value = property.Value;
                var known = EventRowParser.Known.Contains(name);
                if (known && value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    return EventFileRecord.Rejected(line, $"{name} must be a string or a number, not {value.ValueKind}");
                fields.Add(new(name, value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    _ => value.GetRawText(), // numbers keep their exact text (decimal, not double); true/false; nested JSON
                }));
            }
            return Build(line, fields);
        }
    }

    private static EventFileRecord Build(long line, IReadOnlyList<KeyValuePair<string, string?>> fields)
    {
        var (e, error) = EventRowParser.Parse(fields);
        return e is not null ? EventFileRecord.Accepted(line, e) : EventFileRecord.Rejected(line, error!);
    }
}
