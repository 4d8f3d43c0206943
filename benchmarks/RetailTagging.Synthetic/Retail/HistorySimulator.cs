namespace RetailTagging.Synthetic.Retail;

/// <summary>
/// Draws one customer's event history: BG/NBD purchases (Poisson at the customer's own rate
/// until a Beta-drawn drop-out after some purchase), log-normal order values, and the events
/// around purchases (browsing, cart adds, checkouts, coupons, refunds, complaints, tickets) plus
/// browsing and abandoned carts between them.
/// </summary>
internal sealed class HistorySimulator(RetailDataOptions options, CustomerTaste taste, string homeStore, int storesInCity)
{
    private const double MinutesPerDay = 24 * 60;
    private readonly List<EventDraft> _drafts = new(32);
    private int _sequence;
    private DateTimeOffset _notBefore;
    private DateTimeOffset? _lastPurchase;

    public IReadOnlyList<EventDraft> Drafts => _drafts;

    public DateTimeOffset? DroppedOutAt { get; private set; }

    /// <summary>Runs the simulation from <paramref name="registeredAt"/> to the as-of instant.</summary>
    public void Run(ref Rng rng, DateTimeOffset registeredAt, bool buyer, double ratePerDay, double dropout)
    {
        var asOf = options.AsOf;
        // Nothing precedes the sign-up; a purchase's browsing (up to 90 minutes earlier) neither.
        _notBefore = registeredAt.AddHours(2);
        Add(new EventDraft(registeredAt, 0, EventTypes.SignUp, RetailReferenceData.Channels[taste.PreferredChannel]));

        var activeUntil = asOf;
        if (buyer)
        {
            // The first purchase comes soon after sign-up; later ones at exponential gaps until drop-out.
            var t = registeredAt.AddHours(2 + rng.Exponential(1.0 / 72));
            while (t <= asOf && !Full)
            {
                Purchase(ref rng, t);
                if (rng.Chance(dropout) && _lastPurchase is { } last)
                {
                    DroppedOutAt = last;
                    activeUntil = last;
                    break;
                }
                t = After(t, rng.Exponential(ratePerDay));
            }
        }

        // Browsing without buying: while active at a rate tied to the purchase rate, and rarely after.
        var online = taste.OnlineShare;
        var browseRate = options.BrowsingIntensity * online * (buyer ? 0.5 * ratePerDay + 0.002 : 0.006);
        _notBefore = registeredAt.AddMinutes(1);
        Browse(ref rng, registeredAt, activeUntil, browseRate);
        if (activeUntil < asOf) Browse(ref rng, activeUntil, asOf, browseRate * 0.08);
    }

    private bool Full => _drafts.Count >= options.MaxEventsPerCustomer - 12;

    private void Add(EventDraft draft)
    {
        if (draft.At > options.AsOf) return;
        _drafts.Add(draft with { Sequence = _sequence++ });
    }

    private void Purchase(ref Rng rng, DateTimeOffset around)
    {
        var channelIndex = rng.PickWeighted(taste.ChannelWeights);
        var channel = RetailReferenceData.Channels[channelIndex];
        var at = Max(TimeOfDay(ref rng, around, channelIndex), _notBefore);
        if (at > options.AsOf) return;
        if (_lastPurchase is null || at > _lastPurchase) _lastPurchase = at;
        var (category, brand, sku) = Product(ref rng);
        var amount = Money(Math.Exp(taste.LogTypicalOrderValue + options.OrderValueLogSigmaWithinCustomer * rng.Normal()) * category.PriceFactor);
        var quantity = rng.NextDouble() switch { < 0.7 => 1m, < 0.9 => 2m, _ => rng.Between(3, 6) };
        var store = channelIndex == 0 ? Store(ref rng) : null;

        if (channelIndex != 0)
        {
            var views = rng.Between(1, 2);
            for (var v = 0; v < views; v++)
                Add(new EventDraft(at.AddMinutes(-rng.Between(10, 90)), 0, EventTypes.PageView, channel, Sku: sku, Category: category.Name, Brand: brand));
            Add(new EventDraft(at.AddMinutes(-rng.Between(2, 9)), 0, EventTypes.CartAdd, channel, Amount: amount, Sku: sku, Category: category.Name, Brand: brand, Quantity: quantity));
            Add(new EventDraft(at.AddMinutes(-1), 0, EventTypes.Checkout, channel, Amount: amount));
        }
        var payment = channelIndex == 0 ? rng.Next(4) : rng.Next(3); // cash only in store
        Add(new EventDraft(at, 0, EventTypes.Purchase, channel, store, amount, sku, category.Name, brand, quantity, EventProperties.Payment(payment)));

        if (rng.Chance(taste.CouponAffinity))
        {
            var discount = Money((double)amount * (0.05 + 0.15 * rng.NextDouble()));
            Add(new EventDraft(at, 0, EventTypes.CouponRedeem, channel, store, discount, Properties: EventProperties.Coupon(rng.Next(RetailReferenceData.CouponCampaigns.Length))));
        }

        var refunded = rng.Chance(taste.RefundRate);
        var refundReason = rng.Next(RetailReferenceData.ComplaintReasons.Length);
        if (refunded)
        {
            var refundAmount = rng.Chance(0.75) ? amount : Money((double)amount * (0.2 + 0.6 * rng.NextDouble()));
            Add(new EventDraft(at.AddDays(1 + rng.Exponential(1.0 / 4)), 0, EventTypes.Refund, channel, store, refundAmount, sku, category.Name, brand,
                Properties: EventProperties.Refund(refundReason)));
        }

        var complained = rng.Chance(taste.ComplaintProneness + (refunded ? 0.2 : 0));
        if (complained)
        {
            var severity = rng.NextDouble() switch { < 0.55 => 0, < 0.88 => 1, _ => 2 };
            Add(new EventDraft(at.AddDays(rng.Between(1, 10)).AddMinutes(rng.Between(0, 600)), 0, EventTypes.Complaint, channel, store,
                Category: category.Name, Properties: EventProperties.Complaint(severity, refundReason)));
        }

        if (rng.Chance(complained ? 0.6 : 0.03))
        {
            var satisfaction = complained ? rng.Between(1, 4) : rng.Between(3, 5);
            var topic = complained ? 1 : rng.Next(RetailReferenceData.TicketTopics.Length);
            Add(new EventDraft(at.AddDays(rng.Between(1, 12)).AddMinutes(rng.Between(0, 600)), 0, EventTypes.ServiceTicket, channel,
                Properties: EventProperties.Ticket(topic, satisfaction, rng.Chance(0.85))));
        }
    }

    private void Browse(ref Rng rng, DateTimeOffset from, DateTimeOffset to, double ratePerDay)
    {
        if (ratePerDay <= 0 || to <= from) return;
        var t = After(from, rng.Exponential(ratePerDay));
        while (t <= to && !Full)
        {
            var channelIndex = rng.Chance(taste.ChannelWeights[1] / (taste.ChannelWeights[1] + taste.ChannelWeights[2])) ? 1 : 2;
            var channel = RetailReferenceData.Channels[channelIndex];
            var at = Max(TimeOfDay(ref rng, t, channelIndex), _notBefore);
            var views = 1 + rng.Poisson(0.8);
            var product = Product(ref rng);
            for (var v = 0; v < views; v++)
            {
                if (v > 0) product = Product(ref rng);
                Add(new EventDraft(at.AddMinutes(v * rng.Between(1, 4)), 0, EventTypes.PageView, channel, Sku: product.Sku, Category: product.Category.Name, Brand: product.Brand));
            }
            // Abandoned carts: added, never checked out (sometimes the checkout is started and dropped).
            if (rng.Chance(0.3))
            {
                var amount = Money(Math.Exp(taste.LogTypicalOrderValue) * product.Category.PriceFactor * (0.5 + rng.NextDouble()));
                var cartAt = at.AddMinutes(views * 4 + 1);
                Add(new EventDraft(cartAt, 0, EventTypes.CartAdd, channel, Amount: amount, Sku: product.Sku, Category: product.Category.Name, Brand: product.Brand, Quantity: 1));
            }
            t = After(t, rng.Exponential(ratePerDay));
        }
    }

    /// <summary><paramref name="t"/> plus a gap in days; a gap of centuries (a tiny Gamma rate) lands far beyond any as-of instant without overflowing.</summary>
    private static DateTimeOffset After(DateTimeOffset t, double days) => t.AddDays(Math.Min(days, 36_500));

    private (CategoryInfo Category, string Brand, string Sku) Product(ref Rng rng)
    {
        var categoryIndex = rng.PickWeighted(taste.CategoryWeights);
        var category = RetailReferenceData.Categories[categoryIndex];
        var brandIndex = rng.Chance(taste.PremiumBrandShare) ? 0 : 1 + rng.Next(category.Brands.Length - 1);
        return (category, category.Brands[brandIndex], SkuCodes.Get(categoryIndex, brandIndex, rng.Next(SkuCodes.PerBrand)));
    }

    private string Store(ref Rng rng) =>
        rng.Chance(0.88) ? homeStore : StoreCodes.Get(rng.Next(RetailReferenceData.Cities.Length), rng.Between(1, storesInCity));

    /// <summary>Keeps the date of <paramref name="day"/> and sets a time of day typical of the channel.</summary>
    private static DateTimeOffset TimeOfDay(ref Rng rng, DateTimeOffset day, int channelIndex)
    {
        var midnight = new DateTimeOffset(day.Date, day.Offset);
        double minutes = channelIndex switch
        {
            0 => rng.Between(10 * 60, 21 * 60 + 30),                                         // stores open 10:00-22:00
            1 => rng.Chance(0.6) ? rng.Between(19 * 60, 23 * 60 + 59) : rng.Between(0, 24 * 60 - 1), // evening peak online
            _ => rng.Chance(0.5) ? rng.Between(12 * 60, 13 * 60 + 30) : rng.Between(7 * 60, 23 * 60), // lunch-break mini program
        };
        return midnight.AddMinutes(Math.Min(minutes, MinutesPerDay - 1));
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static decimal Money(double yuan) => Math.Max(1m, Math.Round((decimal)yuan, 2, MidpointRounding.AwayFromZero));
}
