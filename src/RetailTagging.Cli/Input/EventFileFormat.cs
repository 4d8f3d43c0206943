namespace RetailTagging.Cli.Input;

/// <summary>The event file formats the CLI reads.</summary>
internal enum EventFileFormat
{
    /// <summary>Comma-separated values with a header row (<c>.csv</c>).</summary>
    Csv,

    /// <summary>One JSON object per line (<c>.jsonl</c>, <c>.ndjson</c>, <c>.json</c>).</summary>
    JsonLines,
}
