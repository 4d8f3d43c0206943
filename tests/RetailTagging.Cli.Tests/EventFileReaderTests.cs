using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Cli.Input;
using Xunit;

namespace RetailTagging.Cli.Tests;

public sealed class EventFileReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rt-events-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Reads_csv_with_optional_and_custom_columns()
    {
        var path = Write("events.csv",
            "event_id,customer_id,type,occurred_at,amount,channel,category,coupon,quantity\n" +
            "e1,c1,purchase,2024-03-01T10:15:00+08:00,12.50,online,\"milk, formula\",SPRING,2\n" +
            "e2,c2,refund,2024-03-02,3,,,,\n");
        var records = EventFileReader.ReadRecords(path).ToList();

        Assert.All(records, r => Assert.Null(r.Rejection));
        var first = records[0].Event!;
        Assert.Equal(("e1", "c1", "purchase"), (first.Id, first.CustomerId, first.Type));
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 2, 15, 0, TimeSpan.Zero), first.At);
        Assert.Equal(12.50m, first.Amount);
        Assert.Equal(2m, first.Quantity);
        Assert.Equal("online", first.Channel);
        Assert.Equal("milk, formula", first.Category);
        Assert.Equal("SPRING", first.Properties["coupon"]);
        var second = records[1].Event!;
        Assert.Equal(new DateTimeOffset(2024, 3, 2, 0, 0, 0, TimeSpan.Zero), second.At);
        Assert.Null(second.Channel);
        Assert.Empty(second.Properties);
        Assert.Equal(3, records[1].Line);
    }

    [Fact]
    public void Bad_csv_rows_are_rejected_with_line_and_reason_and_the_rest_is_kept()
    {
        var path = Write("events.csv",
            "event_id,customer_id,type,occurred_at,amount\n" +
            "e1,c1,purchase,2024-03-01,10\n" +
            "e2,,purchase,2024-03-01,10\n" +
            "e3,c1,purchase,03/01/2024,10\n" +
            "\n" +
            "e4,c1,purchase,2024-03-01,1.234,5\n" +
            "e5,c1,purchase,2024-03-01,ten\n" +
            "e6,c2,purchase,2024-03-05,7\n");
        var log = new EventRejectionLog();
        var events = EventFileReader.ReadEvents(path, log).ToList();

        Assert.Equal(["e1", "e6"], events.Select(e => e.Id));
        Assert.Equal(4, log.Count);
        Assert.Equal([3L, 4, 6, 7], log.Samples.Select(r => r.Line));
        Assert.Contains("customer_id", log.Samples[0].Reason);
        Assert.Contains("ISO-8601", log.Samples[1].Reason);
        Assert.Contains("number of fields", log.Samples[2].Reason);
        Assert.Contains("amount 'ten'", log.Samples[3].Reason);
        Assert.Equal("events.csv(4): " + log.Samples[1].Reason, log.Samples[1].Format("events.csv"));
    }

    [Fact]
    public void Strict_mode_fails_on_the_first_bad_row()
    {
        var path = Write("events.csv", "event_id,customer_id,type,occurred_at\ne1,c1,purchase,2024-03-01\ne2,c1,purchase,yesterday\n");
        var error = Assert.Throws<EventFileException>(() => EventFileReader.ReadRecords(path, strict: true).ToList());
        Assert.StartsWith("events.csv(3): occurred_at 'yesterday'", error.Message);
    }

    [Theory]
    [InlineData("events.csv", "event_id,customer_id,type\ne1,c1,purchase\n", "missing required column(s) occurred_at")]
    [InlineData("events.csv", "", "empty file")]
    [InlineData("events.csv", "event_id,customer_id,type,occurred_at,type\n", "appears more than once")]
    [InlineData("events.txt", "x", "unknown event file extension")]
    public void Unreadable_files_throw_a_clear_error(string name, string content, string message)
    {
        var path = Write(name, content);
        var error = Assert.Throws<EventFileException>(() => EventFileReader.ReadRecords(path).ToList());
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_missing_file_is_an_error()
    {
        var error = Assert.Throws<EventFileException>(() => EventFileReader.ReadRecords(Path.Combine(_dir, "nope.csv")).ToList());
        Assert.Contains("file not found", error.Message);
    }

    [Fact]
    public void Reads_json_lines_with_numbers_strings_and_nested_custom_values()
    {
        var path = Write("events.jsonl",
            "{\"event_id\":\"e1\",\"customer_id\":\"c1\",\"type\":\"purchase\",\"occurred_at\":\"2024-03-01T10:00:00Z\",\"amount\":0.1,\"store\":7,\"tags\":[\"a\",\"b\"],\"vip\":true}\n" +
            "\n" +
            "not json\n" +
            "[1,2]\n" +
            "{\"event_id\":\"e2\",\"customer_id\":\"c1\",\"type\":\"purchase\",\"occurred_at\":\"2024-03-01\",\"amount\":{\"v\":1}}\n" +
            "{\"event_id\":\"e3\",\"customer_id\":\"c2\",\"type\":\"page_view\",\"occurred_at\":\"2024-03-02T08:00:00\",\"amount\":null}\n");
        var records = EventFileReader.ReadRecords(path).ToList();

        Assert.Equal([1L, 3, 4, 5, 6], records.Select(r => r.Line));
        var e1 = records[0].Event!;
        Assert.Equal(0.1m, e1.Amount);
        Assert.Equal("7", e1.Store);
        Assert.Equal("[\"a\",\"b\"]", e1.Properties["tags"]);
        Assert.Equal("true", e1.Properties["vip"]);
        Assert.Contains("not valid JSON", records[1].Rejection!.Reason);
        Assert.Contains("expected a JSON object", records[2].Rejection!.Reason);
        Assert.Contains("amount must be a string or a number", records[3].Rejection!.Reason);
        Assert.Null(records[4].Event!.Amount);
        Assert.Equal(TimeSpan.Zero, records[4].Event!.At.Offset);
    }

    [Fact]
    public async Task Async_reading_gives_the_same_records()
    {
        var csv = Write("events.csv", "event_id,customer_id,type,occurred_at,amount\ne1,c1,purchase,2024-03-01,10\nbad,row\ne2,c2,purchase,2024-03-02,5\n");
        var jsonl = Write("events.ndjson", "{\"event_id\":\"e1\",\"customer_id\":\"c1\",\"type\":\"purchase\",\"occurred_at\":\"2024-03-01\"}\n{}\n");
        foreach (var path in new[] { csv, jsonl })
        {
            var sync = EventFileReader.ReadRecords(path).Select(Describe).ToList();
            var asynchronous = new List<string>();
            await foreach (var record in EventFileReader.ReadRecordsAsync(path))
                asynchronous.Add(Describe(record));
            Assert.Equal(sync, asynchronous);
        }
    }

    private static string Describe(EventFileRecord r) =>
        r.Event is { } e ? $"{r.Line}:{e.Id}:{e.CustomerId}:{e.At:O}:{e.Amount}" : $"{r.Line}:{r.Rejection!.Reason}";

    private sealed class EndlessCsv : TextReader
    {
        private long _row;
        private string _pending = "event_id,customer_id,type,occurred_at\n";

        public long RowsProduced => _row;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            if (_pending.Length == 0)
                _pending = $"e{++_row},c{_row % 10},purchase,2024-01-01\n";
            var n = Math.Min(buffer.Length, _pending.Length);
            _pending.AsSpan(0, n).CopyTo(buffer);
            _pending = _pending[n..];
            return n;
        }
    }

    [Fact]
    public void Reading_streams_rather_than_loading_the_input()
    {
        var endless = new EndlessCsv();
        var first = EventFileReader.ReadRecords(endless, EventFileFormat.Csv, "endless.csv").Take(5).ToList();
        Assert.Equal(5, first.Count(r => r.Event is not null));
        Assert.InRange(endless.RowsProduced, 5, 100_000);
    }

    private static readonly Gen<string> Text =
        Gen.Elements("a", "b,c", "say \"hi\"", "  padded", "中文", "x;y", "line").Select(s => s);

    [Property(MaxTest = 100)]
    public Property Csv_written_with_standard_quoting_reads_back_the_same_events()
    {
        var gen = from ids in Text.ArrayOf()
                  from amount in Gen.Choose(-100000, 100000)
                  from minutes in Gen.Choose(0, 1_000_000)
                  select (ids, amount, minutes);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var csv = new StringBuilder("event_id,customer_id,type,occurred_at,amount,note\n");
            var expected = new List<(string, string, decimal, DateTimeOffset, string?)>();
            for (var i = 0; i < input.ids.Length; i++)
            {
                var note = input.ids[i];
                var at = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(input.minutes + i);
                var amount = (input.amount + i) / 100m;
                csv.Append(CultureInfo.InvariantCulture, $"id{i},{Quote(note)},purchase,{at:yyyy-MM-ddTHH:mm:ssZ},{amount.ToString(CultureInfo.InvariantCulture)},{Quote(note)}\n");
                expected.Add(($"id{i}", note.Trim(), amount, at, note.Trim()));
            }
            var read = EventFileReader.ReadRecords(new StringReader(csv.ToString()), EventFileFormat.Csv, "p.csv", strict: true)
                .Select(r => (r.Event!.Id, r.Event.CustomerId, r.Event.Amount!.Value, r.Event.At, r.Event.Properties["note"] as string))
                .ToList();
            return read.SequenceEqual(expected);
        });
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n']) >= 0 || value != value.Trim() ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
