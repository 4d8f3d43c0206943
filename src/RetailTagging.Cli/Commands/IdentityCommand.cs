using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using RetailTagging.Cli.Input;
using RetailTagging.Identity;

namespace RetailTagging.Cli.Commands;

/// <summary>
/// <c>retail-tags identity --records &lt;file&gt; [--config &lt;file&gt;] --out &lt;file&gt; [--review &lt;file&gt;]</c>:
/// resolves source records (CSV or JSONL) into customers, writes <c>record_id,customer_id</c> and the review
/// queue. Bad rows are reported with their line number and skipped. Exit 0 when the output was written,
/// 1 when an input or the configuration could not be used.
/// </summary>
internal static class IdentityCommand
{
    private static readonly JsonSerializerOptions ConfigJson = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Command Create()
    {
        var records = new Option<FileInfo>("--records") { Description = "Source records: .csv (header: record_id,source,... one column per identifier type or attribute) or .jsonl.", Required = true };
        var config = new Option<FileInfo?>("--config") { Description = "JSON configuration: rules, thresholds, blocked values, limits, survivorship (see docs/identity.md)." };
        var output = new Option<FileInfo>("--out") { Description = "Where to write record_id,customer_id (CSV).", Required = true };
        var review = new Option<FileInfo?>("--review") { Description = "Where to write the review queue (CSV); default: <out>.review.csv." };
        var command = new Command("identity", "Resolve source records into customers (identity resolution).");
        command.Options.Add(records);
        command.Options.Add(config);
        command.Options.Add(output);
        command.Options.Add(review);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(records)!,
            parseResult.GetValue(config),
            parseResult.GetValue(output)!,
            parseResult.GetValue(review),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo recordsFile, FileInfo? configFile, FileInfo outFile, FileInfo? reviewFile, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        IdentityResolutionOptions options;
        try
        {
            options = configFile is null
                ? new IdentityResolutionOptions()
                : JsonSerializer.Deserialize<IdentityResolutionOptions>(await File.ReadAllTextAsync(configFile.FullName, cancellationToken), ConfigJson)
                  ?? throw new JsonException("the file holds null");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            await stderr.WriteLineAsync($"{configFile!.Name}: error: cannot read the configuration: {ex.Message}");
            return 1;
        }
        if (!recordsFile.Exists)
        {
            await stderr.WriteLineAsync($"{recordsFile.Name}: error: file not found ({recordsFile.FullName}).");
            return 1;
        }

        IdentityResolver resolver;
        try
        {
            resolver = new IdentityResolver(options);
        }
        catch (ArgumentException ex)
        {
            await stderr.WriteLineAsync($"{configFile?.Name ?? "configuration"}: error: {ex.Message}");
            return 1;
        }

        using (resolver)
        {
            var identifierTypes = new HashSet<string>(IdentifierTypes.BuiltIn.Concat(options.CustomIdentifierTypes.Keys.Select(k => k.Trim().ToLowerInvariant())), StringComparer.OrdinalIgnoreCase);
            var problems = new List<(long Line, string Message)>();
            List<SourceRecord> parsed;
            try
            {
                var json = recordsFile.Extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase) || recordsFile.Extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase);
                parsed = json
                    ? ReadJsonLines(recordsFile, identifierTypes, problems)
                    : ReadCsv(recordsFile, identifierTypes, problems);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"{recordsFile.Name}: error: cannot read: {ex.Message}");
                return 1;
            }
            foreach (var (line, message) in problems)
            {
                await stderr.WriteLineAsync($"{recordsFile.Name}({line}): error: {message}");
            }

            await resolver.AddRangeAsync(parsed, cancellationToken);
            var reviewPath = reviewFile?.FullName ?? outFile.FullName + ".review.csv";
            try
            {
                await WriteAssignmentsAsync(outFile.FullName, resolver, cancellationToken);
                await WriteReviewsAsync(reviewPath, resolver, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"{outFile.Name}: error: cannot write: {ex.Message}");
                return 1;
            }

            var issues = resolver.GetIssues();
            foreach (var issue in issues.Take(20))
            {
                await stdout.WriteLineAsync($"warning: record {issue.RecordId}: {issue.Type} not used: {issue.Reason}");
            }
            if (issues.Count > 20)
            {
                await stdout.WriteLineAsync($"warning: ... and {issues.Count - 20} more identifier(s) not used");
            }
            await stdout.WriteLineAsync(
                $"{parsed.Count} record(s) read, {problems.Count} row(s) skipped, {resolver.CustomerCount} customer(s), " +
                $"{resolver.GetReviewQueue().Count} review item(s), {issues.Count} identifier(s) not used (invalid or blocked).");
            await stdout.WriteLineAsync($"wrote {outFile.FullName} and {reviewPath}");
            return 0;
        }
    }

    // ---- Reading ----

    /// <summary>Collects one row's fields; reports what is wrong instead of throwing.</summary>
    private sealed class RowBuilder(HashSet<string> identifierTypes)
    {
        private readonly List<SourceIdentifier> _identifiers = [];
        private readonly Dictionary<string, string?> _attributes = new(StringComparer.OrdinalIgnoreCase);
        public string? RecordId { get; set; }
        public string? Source { get; set; }
        public string? Priority { get; set; }
        public string? CreatedAt { get; set; }
        public string? UpdatedAt { get; set; }

        public void Identifier(string type, string? value)
        {
            // A cell may hold several values separated by '|'.
            foreach (var part in (value ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                _identifiers.Add(new SourceIdentifier(type, part));
            }
        }

        public void Field(string name, string? value)
        {
            if (identifierTypes.Contains(name))
            {
                Identifier(name, value);
            }
            else if (!string.IsNullOrWhiteSpace(value))
            {
                _attributes[name] = value;
            }
        }

        public SourceRecord Build(out string? error)
        {
            error = null;
            if (string.IsNullOrWhiteSpace(RecordId))
            {
                error = "record_id is missing";
            }
            else if (string.IsNullOrWhiteSpace(Source))
            {
                error = "source is missing";
            }
            int? priority = null;
            if (error is null && !string.IsNullOrWhiteSpace(Priority))
            {
                if (int.TryParse(Priority, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p))
                {
                    priority = p;
                }
                else
                {
                    error = $"priority '{Priority}' is not an integer";
                }
            }
            var created = error is null ? Instant(CreatedAt, "created_at", ref error) : null;
            var updated = error is null ? Instant(UpdatedAt, "updated_at", ref error) : null;
            return error is not null
                ? null!
                : new SourceRecord(RecordId!.Trim(), Source!.Trim())
                {
                    Priority = priority,
                    CreatedAt = created,
                    UpdatedAt = updated,
                    Identifiers = _identifiers.ToArray(),
                    Attributes = _attributes,
                };
        }

        private static DateTimeOffset? Instant(string? text, string name, ref string? error)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return at;
            }
            error = $"{name} '{text}' is not an ISO 8601 date/time";
            return null;
        }
    }

    private static bool Accept(RowBuilder row, long line, HashSet<string> seen, List<SourceRecord> records, List<(long Line, string Message)> problems)
    {
        var record = row.Build(out var error);
        if (error is null && !seen.Add(record.Id))
        {
            error = $"record_id '{record.Id}' appears more than once; the first row is kept";
        }
        if (error is not null)
        {
            problems.Add((line, $"{error}; row skipped"));
            return false;
        }
        records.Add(record);
        return true;
    }

    private static List<SourceRecord> ReadCsv(FileInfo file, HashSet<string> identifierTypes, List<(long Line, string Message)> problems)
    {
        var records = new List<SourceRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // The reader skips malformed rows and tells us which and why.
        var options = CsvInput.Options((line, reason) => problems.Add((line, reason + "; row skipped")));
        using var reader = new StreamReader(file.FullName, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        csv.ReadHeader();
        var names = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        foreach (var required in new[] { "record_id", "source" })
        {
            if (!names.Contains(required))
            {
                problems.Add((1, $"the header has no '{required}' column (it has: {string.Join(',', names)}); nothing read"));
                return records;
            }
        }
        while (csv.Read())
        {
            var row = new RowBuilder(identifierTypes);
            for (var i = 0; i < names.Length && i < csv.FieldCount; i++)
            {
                Assign(row, names[i], csv.GetString(i));
            }
            Accept(row, csv.LineNumber, seen, records, problems);
        }
        problems.Sort((x, y) => x.Line.CompareTo(y.Line));
        return records;
    }

    private static void Assign(RowBuilder row, string name, string? value)
    {
        switch (name)
        {
            case "record_id": row.RecordId = value; break;
            case "source": row.Source = value; break;
            case "priority": row.Priority = value; break;
            case "created_at": row.CreatedAt = value; break;
            case "updated_at": row.UpdatedAt = value; break;
            default: row.Field(name, value); break;
        }
    }

    private static List<SourceRecord> ReadJsonLines(FileInfo file, HashSet<string> identifierTypes, List<(long Line, string Message)> problems)
    {
        var records = new List<SourceRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var line = 0L;
        foreach (var text in File.ReadLines(file.FullName, Encoding.UTF8))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            var row = new RowBuilder(identifierTypes);
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    problems.Add((line, $"a line must be a JSON object; row skipped"));
                    continue;
                }
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    var name = property.Name.Trim().ToLowerInvariant();
                    if (name is "identifiers" or "attributes" && property.Value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var inner in property.Value.EnumerateObject())
                        {
                            foreach (var value in Strings(inner.Value))
                            {
                                if (name == "identifiers")
                                {
                                    row.Identifier(inner.Name.Trim().ToLowerInvariant(), value);
                                }
                                else
                                {
                                    row.Field(inner.Name.Trim().ToLowerInvariant(), value);
                                }
                            }
                        }
                    }
                    else
                    {
                        foreach (var value in Strings(property.Value))
                        {
                            Assign(row, name, value);
                        }
                    }
                }
            }
            catch (JsonException ex)
            {
                problems.Add((line, $"not valid JSON ({ex.Message.Split('.')[0]}); row skipped"));
                continue;
            }
            Accept(row, line, seen, records, problems);
        }
        return records;
    }

    private static IEnumerable<string?> Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().SelectMany(Strings),
        JsonValueKind.String => [value.GetString()],
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => [value.GetRawText()],
        _ => [],
    };

    // ---- Writing ----

    private static async Task WriteAssignmentsAsync(string path, IdentityResolver resolver, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        await writer.WriteLineAsync("record_id,customer_id");
        foreach (var a in resolver.GetAssignments())
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync($"{Csv(a.RecordId)},{Csv(a.CustomerId)}");
        }
    }

    private static async Task WriteReviewsAsync(string path, IdentityResolver resolver, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        await writer.WriteLineAsync("review_id,kind,left_record_id,left_customer_id,right_record_id,right_customer_id,score,reason,explanation");
        foreach (var r in resolver.GetReviewQueue())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var left = resolver.GetCustomerOfRecord(r.LeftRecordId)?.Id;
            var right = resolver.GetCustomerOfRecord(r.RightRecordId)?.Id;
            var score = r.Score?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "";
            await writer.WriteLineAsync(string.Join(',', Csv(r.Id), Csv(r.Kind.ToString()), Csv(r.LeftRecordId), Csv(left), Csv(r.RightRecordId), Csv(right), score, Csv(r.Reason), Csv(r.Explanation?.ToString())));
        }
    }

    private static string Csv(string? value) =>
        string.IsNullOrEmpty(value) ? ""
        : value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
