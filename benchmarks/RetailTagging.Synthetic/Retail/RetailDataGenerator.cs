using System.Globalization;
using RetailTagging.Synthetic.Retail;

namespace RetailTagging.Synthetic;

/// <summary>
/// The seeded synthetic retail population. Customer <c>i</c> is drawn from its own random stream
/// (a function of the seed and <c>i</c> only), so the data is the same whatever is consumed, in
/// whatever order, on however many threads, and any customer can be generated directly without
/// the ones before it. Nothing is cached: streaming ten million customers holds one at a time.
/// </summary>
public sealed class RetailDataGenerator
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly string[] JunkPhones = ["13800000000", "13800138000", "18888888888", "0215550123"];

    /// <summary>Creates a generator.</summary>
    /// <param name="options">The population's settings; null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public RetailDataGenerator(RetailDataOptions? options = null)
    {
        Options = options ?? new RetailDataOptions();
        Options.Validate();
    }

    /// <summary>The settings in use.</summary>
    public RetailDataOptions Options { get; }

    /// <summary>Every customer, generated lazily one at a time in index order.</summary>
    /// <param name="cancellationToken">Stops the stream between customers.</param>
    public IEnumerable<SyntheticCustomer> Customers(CancellationToken cancellationToken = default) =>
        Customers(0, Options.CustomerCount, cancellationToken);

    /// <summary>Customers <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> - 1, lazily (a slice for one worker).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range leaves the population.</exception>
    public IEnumerable<SyntheticCustomer> Customers(long start, long count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start + count > Options.CustomerCount)
            throw new ArgumentOutOfRangeException(nameof(count), $"Customers {start}..{start + count - 1} are outside the population of {Options.CustomerCount}.");
        return Stream(start, count, cancellationToken);
    }

    private IEnumerable<SyntheticCustomer> Stream(long start, long count, CancellationToken cancellationToken)
    {
        for (var i = start; i < start + count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Generate(i);
        }
    }

    /// <summary>Every event of every customer, customer by customer (each customer's events in time order).</summary>
    public IEnumerable<CustomerEvent> Events(CancellationToken cancellationToken = default) =>
        Customers(cancellationToken).SelectMany(c => c.Events);

    /// <summary>The customer at <paramref name="index"/>, generated from its own random stream.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the population.</exception>
    public SyntheticCustomer Generate(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Options.CustomerCount);
        // Two streams: the profile's draws never shift when the behavioural model changes.
        var rng = Rng.For(Options.Seed, 1, index);
        var behaviour = Rng.For(Options.Seed, 2, index);
        var o = Options;
        var id = o.CustomerIdPrefix + (index + 1).ToString("D8", Invariant);

        // Profile.
        var name = rng.Pick(NamePool.FamilyNames) + rng.Pick(NamePool.GivenNames);
        var daysAgo = o.HistoryDays * Math.Pow(rng.NextDouble(), 0.8); // the member base grows: recent sign-ups are more common
        var signUpDay = o.AsOf.AddDays(-daysAgo);
        var registeredAt = Min(new DateTimeOffset(signUpDay.Date, signUpDay.Offset).AddMinutes(rng.Between(9 * 60, 22 * 60)), o.AsOf);
        var gender = rng.NextDouble() switch { < 0.56 => "F", < 0.98 => "M", _ => null };
        var age = (int)Math.Clamp(Math.Round(35 + 10 * rng.Normal()), 18, 78);
        var asOfDate = DateOnly.FromDateTime(o.AsOf.Date);
        var birthDate = rng.NextDouble() switch
        {
            < 0.07 => (DateOnly?)null,
            < 0.073 => new DateOnly(1900, 1, 1), // the POS default nobody changed: junk the data-quality tags must catch
            _ => asOfDate.AddYears(-age).AddDays(-rng.Next(365)),
        };
        var cityIndex = rng.PickWeighted(RetailReferenceData.CityWeights);
        var city = RetailReferenceData.Cities[cityIndex];
        var storesInCity = StoreCodes.StoresIn(city.Tier);
        var homeStore = StoreCodes.Get(cityIndex, rng.Between(1, storesInCity));
        var phone = rng.NextDouble() switch
        {
            < 0.03 => null,
            < 0.035 => rng.Pick(JunkPhones), // staff typed the store's or a placeholder number
            _ => rng.Pick(RetailReferenceData.MobilePrefixes) + rng.Next(100_000_000).ToString("D8", Invariant),
        };
        var email = rng.Chance(0.4) ? null : Email(ref rng);
        // Card numbers were issued in batches, not in sign-up order: a scrambled 10-digit number.
        var memberId = "M" + (1_000_000_000 + (long)((ulong)(index + 1) * 2_654_435_761UL % 8_999_999_999UL)).ToString(Invariant);
        var optIn = rng.Chance(0.72);

        // Behaviour: tastes, then the BG/NBD latent rate and drop-out probability.
        var taste = CustomerTaste.Draw(ref behaviour, o, age, gender == "F");
        var buyer = !behaviour.Chance(o.NeverPurchasedShare);
        var rate = behaviour.Gamma(o.PurchaseRateShape, 1.0 / o.PurchaseRateAlphaDays);
        var dropout = behaviour.Beta(o.DropoutA, o.DropoutB);
        var simulator = new HistorySimulator(o, taste, homeStore, storesInCity);
        simulator.Run(ref behaviour, registeredAt, buyer, rate, dropout);

        var drafts = simulator.Drafts.ToArray();
        Array.Sort(drafts, EventDraft.Compare);
        var events = new CustomerEvent[drafts.Length];
        for (var k = 0; k < drafts.Length; k++)
            events[k] = drafts[k].ToEvent(string.Concat(id, "-", (k + 1).ToString("D4", Invariant)), id);

        var (spend365, spendYearBefore, lifetimeSpend) = Spend(events, o.AsOf);
        var customer = new Customer(id)
        {
            Name = name,
            Gender = gender,
            BirthDate = birthDate,
            City = city.Name,
            Phone = phone,
            Email = email,
            RegisteredAt = registeredAt,
            MemberLevel = MemberLevel(ref behaviour, spend365, spendYearBefore),
            Attributes = new Dictionary<string, object?>
            {
                ["member_id"] = memberId,
                ["loyalty_points"] = Math.Floor(lifetimeSpend * (decimal)(0.3 + 0.7 * behaviour.NextDouble())),
                ["marketing_opt_in"] = optIn,
                ["preferred_store"] = taste.PreferredChannel == 0 ? homeStore : null,
            },
        };

        var alive = simulator.DroppedOutAt is null && buyer;
        var traits = new SyntheticTraits(rate, dropout, Money(Math.Exp(taste.LogTypicalOrderValue)), simulator.DroppedOutAt,
            RetailReferenceData.Categories[taste.PreferredCategory].Name, RetailReferenceData.Channels[taste.PreferredChannel], buyer);
        return new SyntheticCustomer(index, customer, events, Scores(ref behaviour, alive, rate, taste), traits);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static (decimal Last365Days, decimal YearBefore, decimal Lifetime) Spend(CustomerEvent[] events, DateTimeOffset asOf)
    {
        decimal year = 0, yearBefore = 0, lifetime = 0;
        var from = asOf.AddDays(-365);
        var fromBefore = asOf.AddDays(-730);
        foreach (var e in events)
        {
            var signed = e.Type == EventTypes.Purchase ? e.Amount ?? 0 : e.Type == EventTypes.Refund ? -(e.Amount ?? 0) : 0;
            lifetime += signed;
            if (e.At > from) year += signed;
            else if (e.At > fromBefore) yearBefore += signed;
        }
        return (year, yearBefore, Math.Max(0, lifetime));
    }

    /// <summary>
    /// The member system's level: set at the yearly review from the year before, raised during the
    /// year once spend qualifies, except that a share of upgrades is still pending.
    /// </summary>
    private static string MemberLevel(ref Rng rng, decimal spend365, decimal spendYearBefore)
    {
        static int Level(decimal spend) => spend switch { >= 15_000 => 3, >= 5_000 => 2, >= 1_500 => 1, _ => 0 };
        var reviewed = Level(spendYearBefore);
        var current = Level(spend365);
        var level = current > reviewed && rng.Chance(0.8) ? current : reviewed;
        return level switch { 3 => "platinum", 2 => "gold", 1 => "silver", _ => "regular" };
    }

    private static string Email(ref Rng rng)
    {
        var domain = rng.Pick(RetailReferenceData.MailDomains);
        if (domain == "qq.com" && rng.Chance(0.7)) return rng.Between(10_000_000, 999_999_999).ToString(Invariant) + "@qq.com";
        Span<char> name = stackalloc char[rng.Between(5, 10)];
        for (var i = 0; i < name.Length; i++) name[i] = (char)('a' + rng.Next(26));
        return string.Concat(name, rng.Between(1, 999).ToString(Invariant), "@", domain);
    }

    /// <summary>Scores a host's models would supply: noisy views of the hidden truth, on 3 decimals.</summary>
    private static Dictionary<string, decimal> Scores(ref Rng rng, bool alive, double rate, CustomerTaste taste)
    {
        var pAlive = Math.Clamp((alive ? 0.8 : 0.25) + 0.18 * rng.Normal(), 0.01, 0.99);
        var churn = Math.Clamp(1 - pAlive + 0.08 * rng.Normal(), 0, 1);
        var clv = (alive ? 1 : 0.15) * rate * 365 * Math.Exp(taste.LogTypicalOrderValue) * Math.Exp(0.3 * rng.Normal());
        var maternity = Math.Clamp((taste.HasYoungChild ? 0.7 : 0.08) + 0.15 * rng.Normal(), 0, 1);
        return new Dictionary<string, decimal>(4, StringComparer.Ordinal)
        {
            ["p_alive"] = Round3(pAlive),
            ["churn"] = Round3(churn),
            ["clv"] = Money(clv),
            ["propensity_maternity"] = Round3(maternity),
        };
    }

    private static decimal Round3(double x) => Math.Round((decimal)x, 3, MidpointRounding.AwayFromZero);

    private static decimal Money(double x) => Math.Round((decimal)x, 2, MidpointRounding.AwayFromZero);
}
