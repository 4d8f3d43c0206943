namespace RetailTagging.Rfm.Calculation;

/// <summary>
/// Collects one customer's purchases and refunds in any order and summarises them as of any instant.
/// Keeps a compact entry per purchase or refund (not the events), so a summary at several as-of
/// instants (e.g. a calibration end and today) needs only one read of the history. Not thread-safe.
/// </summary>
internal sealed class RfmAccumulator
{
    private readonly RfmOptions _options;
    private readonly CalendarDays _days;
    private readonly List<PurchaseEntry> _purchases = [];
    private readonly List<RefundEntry> _refunds = [];
    private readonly HashSet<string> _seenIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _categoryScratch = new(StringComparer.Ordinal);
    private int _ignored;
    private int _duplicates;

    public RfmAccumulator(RfmOptions options, CalendarDays days)
    {
        _options = options;
        _days = days;
    }

    public void Reset()
    {
        _purchases.Clear();
        _refunds.Clear();
        _seenIds.Clear();
        _ignored = 0;
        _duplicates = 0;
    }

    public void Add(CustomerEvent e)
    {
        var isPurchase = _options.PurchaseTypes.Contains(e.Type);
        if (!isPurchase && !_options.RefundTypes.Contains(e.Type))
            return;
        // A missing or negative purchase amount (or a refund that gives nothing back) is bad data, not a sale.
        if (e.Amount is not { } amount || amount < 0 || (!isPurchase && amount == 0))
        {
            _ignored++;
            return;
        }
        if (!string.IsNullOrEmpty(e.Id) && !_seenIds.Add(e.Id))
        {
            _duplicates++;
            return;
        }
        var ticks = e.At.UtcTicks;
        if (isPurchase)
        {
            var online = e.Channel is { } channel && _options.OnlineChannels.Contains(channel);
            _purchases.Add(new PurchaseEntry(ticks, _days.DayNumber(e.At), amount, e.Category, online));
        }
        else
        {
            _refunds.Add(new RefundEntry(ticks, amount));
        }
    }

    public CustomerRfm Summarize(string customerId, DateTimeOffset asOf)
    {
        var asOfTicks = asOf.UtcTicks;
        var asOfDay = _days.DayNumber(asOf);
        // Sorting by (day, instant) makes the result independent of the order events arrived in.
        _purchases.Sort(static (x, y) => x.Day != y.Day ? x.Day.CompareTo(y.Day) : x.UtcTicks.CompareTo(y.UtcTicks));

        var orders = 0;
        var onlineOrders = 0;
        var purchaseDays = 0;
        decimal gross = 0m, firstDaySpend = 0m;
        int firstDay = 0, lastDay = 0, previousDay = int.MinValue;
        long firstTicks = long.MaxValue, lastTicks = long.MinValue;
        _categoryScratch.Clear();
        foreach (var p in _purchases)
        {
            if (p.UtcTicks > asOfTicks)
                continue;
            orders++;
            gross += p.Amount;
            if (p.Online)
                onlineOrders++;
            if (p.Day != previousDay)
            {
                if (purchaseDays == 0)
                    firstDay = p.Day;
                purchaseDays++;
                previousDay = lastDay = p.Day;
            }
            if (p.Day == firstDay)
                firstDaySpend += p.Amount;
            firstTicks = Math.Min(firstTicks, p.UtcTicks);
            lastTicks = Math.Max(lastTicks, p.UtcTicks);
            if (p.Category is { } category)
                _categoryScratch[category] = _categoryScratch.GetValueOrDefault(category) + p.Amount;
        }

        decimal refunds = 0m;
        foreach (var r in _refunds)
        {
            if (r.UtcTicks <= asOfTicks)
                refunds += r.Amount;
        }

        var net = gross - refunds;
        var refundsExceed = net < 0;
        if (refundsExceed)
            net = 0m;

        var asOfDate = DateOnly.FromDayNumber(asOfDay);
        if (orders == 0)
        {
            return new CustomerRfm
            {
                CustomerId = customerId, AsOf = asOf, AsOfDate = asOfDate, Refunds = refunds,
                RefundsExceedPurchases = refundsExceed, IgnoredEvents = _ignored, DuplicateEvents = _duplicates,
            };
        }

        var (topCategory, topShare, categorySpend) = CategoryPreference(gross);
        var repeatDays = purchaseDays - 1;
        decimal? cycle = repeatDays > 0 ? Math.Round((decimal)(lastDay - firstDay) / repeatDays, 2) : null;
        var lastAt = new DateTimeOffset(lastTicks, TimeSpan.Zero);
        return new CustomerRfm
        {
            CustomerId = customerId,
            AsOf = asOf,
            AsOfDate = asOfDate,
            Orders = orders,
            PurchaseDays = purchaseDays,
            FirstPurchaseAt = new DateTimeOffset(firstTicks, TimeSpan.Zero),
            LastPurchaseAt = lastAt,
            GrossSpend = gross,
            Refunds = refunds,
            NetSpend = net,
            RefundsExceedPurchases = refundsExceed,
            RecencyDays = Math.Max(0, asOfDay - lastDay),
            AgeDays = Math.Max(0, asOfDay - firstDay),
            Frequency = _options.Frequency == FrequencyBasis.Orders ? orders : purchaseDays,
            Monetary = _options.Monetary == MonetaryBasis.Total ? net : Math.Round(net / orders, 4),
            CategorySpend = categorySpend,
            TopCategory = topCategory,
            TopCategoryShare = topShare,
            OnlineShare = Math.Round((decimal)onlineOrders / orders, 4),
            CycleDays = cycle,
            NextPurchaseAt = cycle is { } c ? lastAt.AddDays((double)c) : null,
            RepeatDays = repeatDays,
            RepeatSpanDays = lastDay - firstDay,
            RepeatAverageSpend = repeatDays > 0 ? (gross - firstDaySpend) / repeatDays : null,
            IgnoredEvents = _ignored,
            DuplicateEvents = _duplicates,
        };
    }

    private (string? Top, decimal? Share, IReadOnlyDictionary<string, decimal> Spend) CategoryPreference(decimal gross)
    {
        if (_categoryScratch.Count == 0)
            return (null, null, EmptySpend);
        string? top = null;
        var topSpend = 0m;
        foreach (var (category, spend) in _categoryScratch)
        {
            if (spend > topSpend || (spend == topSpend && top is not null && string.CompareOrdinal(category, top) < 0))
            {
                top = category;
                topSpend = spend;
            }
        }
        decimal? share = top is not null && gross > 0 ? Math.Round(topSpend / gross, 4) : null;
        return (top, share, new Dictionary<string, decimal>(_categoryScratch, StringComparer.Ordinal));
    }

    private static readonly IReadOnlyDictionary<string, decimal> EmptySpend = new Dictionary<string, decimal>();

    private readonly record struct PurchaseEntry(long UtcTicks, int Day, decimal Amount, string? Category, bool Online);

    private readonly record struct RefundEntry(long UtcTicks, decimal Amount);
}
