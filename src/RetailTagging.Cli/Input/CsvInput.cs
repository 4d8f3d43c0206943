using CsvHelper;

namespace RetailTagging.Cli.Input;

/// <summary>The CSV settings every input file shares: header row, line numbers, malformed rows reported, not thrown.</summary>
internal static class CsvInput
{
    public static CsvReaderOptions Options<TRecord>(Queue<TRecord> malformed, Func<long, string, TRecord> rejected) =>
        Options((line, reason) => malformed.Enqueue(rejected(line, reason)));

    /// <summary>The shared settings; <paramref name="onMalformed"/> receives the line number and the reason of each skipped row.</summary>
    public static CsvReaderOptions Options(Action<long, string> onMalformed) => new()
    {
        Separator = ',',
        HasHeader = true,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        TrimWhitespace = true,
        MalformedData = CsvMalformedDataHandling.Skip,
        FieldCountMismatch = CsvFieldCountHandling.Skip,
        OnMalformedRecord = record => onMalformed(record.LineNumber, Describe(record.Reason)),
    };

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.FieldCountMismatch => "the number of fields differs from the header",
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed",
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a field",
        _ => $"malformed CSV ({reason})",
    };
}
