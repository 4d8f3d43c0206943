using System.Collections.Frozen;
using System.Runtime.InteropServices;

namespace RetailTagging.Rfm.Calculation;

/// <summary>
/// Collects one customer's purchases and refunds in any order and summarises them as of any instant.
/// Keeps a compact entry per purchase or refund (not the events), so a summary at several as-of
/// instants (e.g. a calibration end and today) needs only one read of the history. Not thread-safe.
/// </summary>
internal sealed class RfmAccumulator
{
    private readonly RfmSettings _settings;
    private readonly CalendarDays _days;
    private readonly List<PurchaseEntry> _purchases = [];
    private readonly List<RefundEntry> _refunds = [];
    private readonly HashSet<string> _seenIds = new(StringComparer.Ordinal);
    // A short list beats hashing for the handful of categories a customer buys from; each category keeps the
    // (day, instant) of its first purchase, which orders the categories as a sorted history would.
    // Ties on (day, instant) go to the purchase that arrived first, as a stable sort would order them.
    private readonly List<(string Category, decimal Spend, int FirstDay, long FirstTicks, int FirstArrival)> _categoryScratch = [];
    // Purchase days, sorted to count distinct days: sorting a few ints costs far less than sorting the entries.
    private int[] _dayScratch = new int[32];
    private int _ignored;
    private int _duplicates;

    public RfmAccumulator(RfmSettings settings, CalendarDays days)
    {
        _settings = settings;
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
        var isPurchase = _settings.PurchaseTypes.Contains(e.Type);
        if (!isPurchase && !_settings.RefundTypes.Contains(e.Type))
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
            var online = e.Channel is { } channel && _settings.OnlineChannels.Contains(channel);
            _purchases.Add(new PurchaseEntry(ticks, _days.DayNumber(e.At), amount, e.Category, online));
        }
        else
        {
            _refunds.Add(new RefundEntry(ticks, amount));
        }
    }

    /// <summary>
    /// Only what quantile scoring needs (recency, frequency, monetary), with no allocation: the first pass of a
    /// batch runs this for every customer. Same definitions as <see cref="Summarize"/>.
    /// </summary>
    public (int? RecencyDays, int Frequency, decimal Monetary) SummarizeScoringValues(DateTimeOffset asOf)
    {
        var asOfTicks = asOf.UtcTicks;
        var purchases = CollectionsMarshal.AsSpan(_purchases);
        var countDays = _settings.Frequency == FrequencyBasis.DistinctPurchaseDays;
        var dayBuffer = countDays ? DayBuffer(purchases.Length) : default;
        int orders = 0, lastDay = int.MinValue;
        decimal gross = 0m;
        foreach (ref readonly var p in purchases)
        {
            if (p.UtcTicks > asOfTicks)
                continue;
            if (countDays)
                dayBuffer[orders] = p.Day;
            orders++;
            gross += p.Amount;
            lastDay = Math.Max(lastDay, p.Day);
        }
        if (orders == 0)
            return (null, 0, 0m);
        var days = countDays ? DistinctCount(dayBuffer[..orders]) : 0;
        var net = gross;
        foreach (var r in _refunds)
        {
            if (r.UtcTicks <= asOfTicks)
                net -= r.Amount;
        }
        net = Math.Max(net, 0m);
        return (Math.Max(0, _days.DayNumber(asOf) - lastDay), countDays ? days : orders,
            _settings.Monetary == MonetaryBasis.Total ? net : Math.Round(net / orders, 4));
    }

    public CustomerRfm Summarize(string customerId, DateTimeOffset asOf)
    {
        var asOfTicks = asOf.UtcTicks;
        var asOfDay = _days.DayNumber(asOf);
        // One pass in arrival order, no sort: every value is a sum, a count, a minimum or a maximum, so the result
        // does not depend on the order events arrived in (decimal sums of money amounts are exact). Distinct days
        // are counted by sorting the day numbers alone.
        var purchases = CollectionsMarshal.AsSpan(_purchases);
        var dayBuffer = DayBuffer(purchases.Length);
        var orders = 0;
        var onlineOrders = 0;
        decimal gross = 0m, firstDaySpend = 0m;
        int firstDay = int.MaxValue, lastDay = int.MinValue;
        long firstTicks = long.MaxValue, lastTicks = long.MinValue;
        _categoryScratch.Clear();
        for (var arrival = 0; arrival < purchases.Length; arrival++)
        {
            ref readonly var p = ref purchases[arrival];
            if (p.UtcTicks > asOfTicks)
                continue;
            dayBuffer[orders] = p.Day;
            orders++;
            gross += p.Amount;
            if (p.Online)
                onlineOrders++;
            if (p.Day < firstDay)
            {
                firstDay = p.Day;
                firstDaySpend = p.Amount;
            }
            else if (p.Day == firstDay)
            {
                firstDaySpend += p.Amount;
            }
            lastDay = Math.Max(lastDay, p.Day);
            firstTicks = Math.Min(firstTicks, p.UtcTicks);
            lastTicks = Math.Max(lastTicks, p.UtcTicks);
            if (p.Category is { } category)
                AddCategorySpend(category, p.Amount, p.Day, p.UtcTicks, arrival);
        }
        var purchaseDays = orders == 0 ? 0 : DistinctCount(dayBuffer[..orders]);

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
        decimal? cycle = repeatDays > 0 ? RoundedRatio(lastDay - firstDay, repeatDays, 2) : null;
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
            Frequency = _settings.Frequency == FrequencyBasis.Orders ? orders : purchaseDays,
            Monetary = _settings.Monetary == MonetaryBasis.Total ? net : Math.Round(net / orders, 4),
            CategorySpend = categorySpend,
            TopCategory = topCategory,
            TopCategoryShare = topShare,
            OnlineShare = RoundedRatio(onlineOrders, orders, 4),
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
        // Categories in the order of their first purchase (day, instant), as a sorted history lists them.
        var ordered = CollectionsMarshal.AsSpan(_categoryScratch);
        for (var i = 1; i < ordered.Length; i++)
        {
            var item = ordered[i];
            var j = i - 1;
            for (; j >= 0 && (ordered[j].FirstDay, ordered[j].FirstTicks, ordered[j].FirstArrival).CompareTo((item.FirstDay, item.FirstTicks, item.FirstArrival)) > 0; j--)
                ordered[j + 1] = ordered[j];
            ordered[j + 1] = item;
        }
        var pairs = new KeyValuePair<string, decimal>[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
            pairs[i] = new(ordered[i].Category, ordered[i].Spend);
        foreach (var (category, spend) in pairs)
        {
            if (spend > topSpend || (spend == topSpend && top is not null && string.CompareOrdinal(category, top) < 0))
            {
                top = category;
                topSpend = spend;
            }
        }
        decimal? share = top is not null && gross > 0 ? (decimal)Math.Round((double)topSpend / (double)gross, 4) : null;
        return (top, share, pairs.Length <= 8
            ? new SmallSpendMap(pairs)
            : pairs.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private void AddCategorySpend(string category, decimal amount, int day, long ticks, int arrival)
    {
        var scratch = CollectionsMarshal.AsSpan(_categoryScratch);
        for (var i = 0; i < scratch.Length; i++)
        {
            ref var entry = ref scratch[i];
            if (string.Equals(entry.Category, category, StringComparison.Ordinal))
            {
                entry.Spend += amount;
                if ((day, ticks).CompareTo((entry.FirstDay, entry.FirstTicks)) < 0)
                    (entry.FirstDay, entry.FirstTicks, entry.FirstArrival) = (day, ticks, arrival);
                return;
            }
        }
        _categoryScratch.Add((category, amount, day, ticks, arrival));
    }

    private Span<int> DayBuffer(int length)
    {
        if (_dayScratch.Length < length)
            _dayScratch = new int[Math.Max(length, _dayScratch.Length * 2)];
        return _dayScratch.AsSpan(0, length);
    }

    /// <summary>The number of distinct values (sorts the span).</summary>
    private static int DistinctCount(Span<int> values)
    {
        values.Sort();
        var distinct = values.Length == 0 ? 0 : 1;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] != values[i - 1])
                distinct++;
        }
        return distinct;
    }

    private static readonly IReadOnlyDictionary<string, decimal> EmptySpend = FrozenDictionary<string, decimal>.Empty;

    // numerator / denominator rounded half away from zero to a few decimals with integer arithmetic: decimal
    // division costs more than the rest of a customer's summary.
    private static decimal RoundedRatio(long numerator, long denominator, byte decimals)
    {
        var scale = decimals == 2 ? 100L : 10_000L;
        var scaled = (2 * numerator * scale + denominator) / (2 * denominator);
        return new decimal((int)scaled, (int)(scaled >> 32), 0, false, decimals);
    }

    private readonly record struct PurchaseEntry(long UtcTicks, int Day, decimal Amount, string? Category, bool Online);

    private readonly record struct RefundEntry(long UtcTicks, decimal Amount);
}
