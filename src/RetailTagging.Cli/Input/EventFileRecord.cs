namespace RetailTagging.Cli.Input;

/// <summary>A row that could not become an event: where it is and why.</summary>
/// <param name="Line">1-based line number in the file (for CSV, the line the row starts on).</param>
/// <param name="Reason">What is wrong, for people.</param>
internal sealed record EventRejection(long Line, string Reason)
{
    /// <summary>MSBuild-style location, e.g. <c>events.csv(12): missing customer_id</c>.</summary>
    public string Format(string source) => $"{source}({Line}): {Reason}";
}

/// <summary>One row of an event file: an event, or a rejection.</summary>
internal sealed record EventFileRecord
{
    private EventFileRecord(long line, CustomerEvent? e, EventRejection? rejection) => (Line, Event, Rejection) = (line, e, rejection);

    /// <summary>1-based line number.</summary>
    public long Line { get; }

    /// <summary>The event, when the row is valid.</summary>
    public CustomerEvent? Event { get; }

    /// <summary>The rejection, when the row is invalid.</summary>
    public EventRejection? Rejection { get; }

    public static EventFileRecord Accepted(long line, CustomerEvent e) => new(line, e, null);

    public static EventFileRecord Rejected(long line, string reason) => new(line, null, new EventRejection(line, reason));
}

/// <summary>Counts rejections and keeps the first few for display; memory stays bounded on very bad files.</summary>
internal sealed class EventRejectionLog(int keep = 100)
{
    private readonly List<EventRejection> _samples = [];

    /// <summary>Rejected rows so far.</summary>
    public long Count { get; private set; }

    /// <summary>The first rejections (at most the number given to the constructor).</summary>
    public IReadOnlyList<EventRejection> Samples => _samples;

    public void Add(EventRejection rejection)
    {
        Count++;
        if (_samples.Count < keep)
            _samples.Add(rejection);
    }
}

/// <summary>An event file that cannot be read at all (missing header columns), or a bad row in strict mode.</summary>
internal sealed class EventFileException(string message) : Exception(message);
