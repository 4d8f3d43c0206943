using RetailTagging.Engine;
using RetailTagging.Language;

namespace RetailTagging.Cli.Input;

/// <summary>
/// The valid events of an event file grouped by customer id, so that the files can be in any order. The whole
/// file is held in memory (events up to the as-of instant, plus every event id to find duplicates): memory grows
/// with the events file. Each row is checked: read errors, <see cref="EventValidator"/> (unknown event type,
/// impossible instant, negative amount...), declared property types, and duplicate event ids (the engine would
/// count a repeated row twice in a batch; the incremental tagger ignores it, so the file must not carry it).
/// </summary>
internal sealed class CustomerEventIndex
{
    private readonly Dictionary<string, Bucket> _byCustomer = new(StringComparer.Ordinal);

    private sealed class Bucket(long firstLine)
    {
        public List<CustomerEvent> Events { get; } = [];
        public long FirstLine { get; } = firstLine;
        public long Rows { get; set; }
    }

    private CustomerEventIndex(string source) => Source = source;

    /// <summary>The file name used in messages.</summary>
    public string Source { get; }

    /// <summary>Valid events read (including those after the as-of instant).</summary>
    public long EventsRead { get; private set; }

    /// <summary>Valid events after the as-of instant: not used, as the engine ignores the future.</summary>
    public long EventsAfterAsOf { get; private set; }

    /// <summary>Customers with events not yet taken.</summary>
    public int RemainingCustomers => _byCustomer.Count;

    /// <summary>
    /// Reads and checks the whole file. Rejections go to <paramref name="problems"/>; reading stops early when it fails
    /// the run (<c>--strict</c>). <paramref name="keep"/> limits the customers whose events are kept (explain needs one).
    /// </summary>
    /// <exception cref="EventFileException">The file cannot be read at all (missing, no header, unknown extension).</exception>
    public static CustomerEventIndex Load(string path, TagSchema schema, DateTimeOffset asOf, InputProblemLog problems, Func<string, bool>? keep = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        var source = Path.GetFileName(path);
        var index = new CustomerEventIndex(source);
        var typer = new EventPropertyTyper(schema, name =>
            problems.Warn($"{source}: warning: column '{name}' ignored: no event type of the catalog declares it (declare it with 'property <event>.{name} : <type>')"));
        var firstLineOfId = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var record in EventFileReader.ReadRecords(path))
        {
            if (problems.Failed)
                break;
            if ((record.Line & 4095) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            if (record.Rejection is { } rejection)
            {
                problems.Reject(source, rejection.Line, rejection.Reason);
                continue;
            }
            var (e, error) = typer.Type(record.Event!);
            IReadOnlyList<string> reasons = e is null ? [error!] : EventValidator.Validate(e, schema);
            if (reasons.Count > 0)
            {
                problems.Reject(source, record.Line, string.Join("; ", reasons));
                continue;
            }
            if (!firstLineOfId.TryAdd(e!.Id, record.Line))
            {
                problems.Reject(source, record.Line, $"duplicate event_id '{e.Id}' (first on line {firstLineOfId[e.Id]})");
                continue;
            }
            index.EventsRead++;
            if (keep is not null && !keep(e.CustomerId))
                continue;
            if (!index._byCustomer.TryGetValue(e.CustomerId, out var bucket))
                index._byCustomer[e.CustomerId] = bucket = new Bucket(record.Line);
            bucket.Rows++;
            if (e.At > asOf)
                index.EventsAfterAsOf++;
            else
                bucket.Events.Add(e);
        }
        return index;
    }

    /// <summary>Removes and returns the events of a customer (empty when they have none).</summary>
    public IReadOnlyList<CustomerEvent> Take(string customerId) =>
        _byCustomer.Remove(customerId, out var bucket) ? bucket.Events : [];

    /// <summary>Reports the events whose customer was never taken as rejected rows, one line per customer id.</summary>
    public void RejectRemaining(InputProblemLog problems, string customerSource)
    {
        foreach (var (customerId, bucket) in _byCustomer.OrderBy(b => b.Value.FirstLine))
        {
            if (problems.Failed)
                break;
            problems.Reject(Source, bucket.FirstLine,
                $"events of customer '{customerId}', the first on this line: the customer is not in {customerSource} (or its row was rejected)", bucket.Rows);
        }
        _byCustomer.Clear();
    }
}
