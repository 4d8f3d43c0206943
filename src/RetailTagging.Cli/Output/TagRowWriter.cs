using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using RetailTagging.Language;

namespace RetailTagging.Cli.Output;

/// <summary>
/// Writes one row per assigned tag: CSV <c>customer_id,tag,value</c> with a header (CsvHelper, LF line ends), or
/// JSON Lines <c>{"customer_id":..,"tag":..,"value":..}</c>. The destination stays open; call <see cref="Flush"/>.
/// </summary>
internal abstract class TagRowWriter : IDisposable
{
    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>A writer of the format the path's extension names: <c>.jsonl</c>, <c>.ndjson</c> or <c>.json</c> for JSON Lines, CSV otherwise.</summary>
    public static TagRowWriter Create(TextWriter destination, string? path) =>
        IsJsonLines(path) ? new JsonLines(destination) : new Csv(destination);

    /// <summary>Whether an output path means JSON Lines.</summary>
    public static bool IsJsonLines(string? path) => Path.GetExtension(path ?? "").ToLowerInvariant() is ".jsonl" or ".ndjson" or ".json";

    /// <summary>Writes one assigned tag.</summary>
    public void Write(string customerId, string tag, Value value)
    {
        WriteRow(customerId, tag, value);
        Rows++;
    }

    protected abstract void WriteRow(string customerId, string tag, Value value);

    /// <summary>Writes buffered rows to the destination.</summary>
    public abstract void Flush();

    /// <inheritdoc />
    public virtual void Dispose() { }

    private sealed class Csv : TagRowWriter
    {
        private readonly CsvWriter _csv;
        private readonly string[] _row = new string[3];

        public Csv(TextWriter destination)
        {
            _csv = CsvWriter.Create(destination, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
            _csv.WriteHeader(["customer_id", "tag", "value"]);
        }

        protected override void WriteRow(string customerId, string tag, Value value)
        {
            (_row[0], _row[1], _row[2]) = (customerId, tag, TagValueText.ToText(value));
            _csv.WriteRecord(_row);
        }

        public override void Flush() => _csv.Flush();

        public override void Dispose() => _csv.Dispose();
    }

    private sealed class JsonLines(TextWriter destination) : TagRowWriter
    {
        private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        private readonly ArrayBufferWriter<byte> _buffer = new(256);

        protected override void WriteRow(string customerId, string tag, Value value)
        {
            _buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(_buffer, Options))
            {
                json.WriteStartObject();
                json.WriteString("customer_id", customerId);
                json.WriteString("tag", tag);
                json.WritePropertyName("value");
                TagValueText.WriteJson(json, value);
                json.WriteEndObject();
            }
            destination.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
            destination.Write('\n');
        }

        public override void Flush() => destination.Flush();
    }
}
