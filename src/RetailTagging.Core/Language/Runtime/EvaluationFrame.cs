namespace RetailTagging.Language.Runtime;

/// <summary>
/// Everything one evaluation reads: the customer, their events, the as-of instant and its local
/// date, the aggregate results and the values of tags evaluated so far. Frames are reused per
/// thread so that an evaluation allocates nothing.
/// </summary>
internal sealed class EvaluationFrame
{
    private static readonly IReadOnlyDictionary<string, decimal> NoScores = new Dictionary<string, decimal>();

    public Customer Customer = null!;
    public IReadOnlyList<CustomerEvent> Events = [];
    public DateTimeOffset AsOf;
    public DateOnly AsOfDate;
    public int AsOfYear, AsOfMonth, AsOfDay;
    public TimeZoneInfo Zone = TimeZoneInfo.Utc;
    public Value[] Aggregates = [];
    public Value[] Tags = [];
    public IReadOnlyDictionary<string, decimal> Scores = NoScores;

    /// <summary>The running state of aggregate passes on this frame, reused across evaluations.</summary>
    public readonly AggregateState AggregateState = new();

    /// <summary>The last instant converted to a local date (filters of one event often convert its instant twice).</summary>
    public readonly LocalDateCache LocalDates = new();

    /// <summary>Custom attributes of <see cref="Customer"/> read so far in this evaluation.</summary>
    public readonly AttributeCache Attributes = new();

    [ThreadStatic] private static EvaluationFrame? t_current;

    /// <summary>This thread's frame. Evaluations never nest, so one per thread suffices.</summary>
    public static EvaluationFrame ForThisThread() => t_current ??= new EvaluationFrame();

    /// <summary>Moves the clock only: customer, events and aggregate results stay.</summary>
    public void MoveClock(DateTimeOffset asOf, TimeZoneInfo zone)
    {
        AsOf = asOf;
        Zone = zone;
        SetDate(Calendar.LocalDate(asOf, zone));
    }

    private void SetDate(DateOnly date)
    {
        AsOfDate = date;
        date.Deconstruct(out AsOfYear, out AsOfMonth, out AsOfDay);
    }

    public void Reset(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, TimeZoneInfo zone,
        IReadOnlyDictionary<string, decimal>? scores, int aggregateCount, int tagCount)
    {
        Customer = customer;
        Attributes.Clear();
        Events = events;
        // The local date only changes with the instant or the zone: batches at one as-of reuse it.
        if (asOf != AsOf || !ReferenceEquals(zone, Zone) || AsOfDate == default)
        {
            AsOf = asOf;
            Zone = zone;
            SetDate(Calendar.LocalDate(asOf, zone));
        }
        Scores = scores ?? NoScores;
        if (Aggregates.Length < aggregateCount) Aggregates = new Value[aggregateCount];
        if (Tags.Length < tagCount) Tags = new Value[tagCount];
    }
}
