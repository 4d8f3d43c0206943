namespace RetailTagging.Cli.Input;

/// <summary>
/// Where the run and explain commands report bad input: each rejected row goes to the error writer as
/// <c>file(line): warning: reason; row skipped</c> (or <c>error</c> under <c>--strict</c>, which stops the run) and is
/// counted per file. Listing stops after <see cref="MaxListed"/> lines per file so a broken file cannot flood the
/// terminal; the counts, which the summary prints, keep going. Nothing is dropped without a line or a count.
/// </summary>
internal sealed class InputProblemLog(TextWriter error, bool strict, int maxListed = 1_000)
{
    private readonly Dictionary<string, long> _rejectedBySource = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _listedBySource = new(StringComparer.Ordinal);

    /// <summary>Rejected rows listed per file at most; the rest are only counted.</summary>
    public int MaxListed => maxListed;

    /// <summary>Whether a rejection under <c>--strict</c> has failed the run.</summary>
    public bool Failed { get; private set; }

    /// <summary>Rejected rows in all.</summary>
    public long Rejected => _rejectedBySource.Values.Sum();

    /// <summary>Rejected rows of one file.</summary>
    public long RejectedIn(string source) => _rejectedBySource.GetValueOrDefault(source);

    /// <summary>Reports <paramref name="rows"/> rejected rows of <paramref name="source"/> starting at <paramref name="line"/>.</summary>
    public void Reject(string source, long line, string reason, long rows = 1)
    {
        _rejectedBySource[source] = RejectedIn(source) + rows;
        var listed = _listedBySource.GetValueOrDefault(source);
        if (strict)
        {
            Failed = true;
            error.WriteLine($"{source}({line}): error: {reason} (--strict: stopping)");
        }
        else if (listed < maxListed)
        {
            error.WriteLine($"{source}({line}): warning: {reason}; {(rows == 1 ? "row" : $"{rows} rows")} skipped");
        }
        else if (listed == maxListed)
        {
            error.WriteLine($"{source}: warning: more than {maxListed} rejections; the rest are only counted in the summary");
        }
        _listedBySource[source] = listed + 1;
    }

    /// <summary>A warning that rejects nothing, e.g. an ignored column.</summary>
    public void Warn(string message) => error.WriteLine(message);
}
