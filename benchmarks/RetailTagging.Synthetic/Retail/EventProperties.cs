using System.Collections.Frozen;

namespace RetailTagging.Synthetic.Retail;

/// <summary>
/// The custom event properties, as a few shared frozen dictionaries: every combination is built
/// once, so generating an event never builds a dictionary.
/// </summary>
internal static class EventProperties
{
    public static readonly FrozenDictionary<string, object?> None = FrozenDictionary<string, object?>.Empty;

    private static readonly string[] Severities = ["low", "medium", "high"];

    private static readonly FrozenDictionary<string, object?>[] Payments =
        [.. RetailReferenceData.PaymentMethods.Select(p => Make(("payment", p)))];

    private static readonly FrozenDictionary<string, object?>[] Coupons =
        [.. RetailReferenceData.CouponCampaigns.Select(c => Make(("coupon_code", c)))];

    private static readonly FrozenDictionary<string, object?>[] RefundReasons =
        [.. RetailReferenceData.ComplaintReasons.Select(r => Make(("reason", r)))];

    private static readonly FrozenDictionary<string, object?>[,] Complaints = Grid(Severities.Length, RetailReferenceData.ComplaintReasons.Length,
        (s, r) => Make(("severity", Severities[s]), ("reason", RetailReferenceData.ComplaintReasons[r])));

    // [topic, satisfaction 1..5 (index 0..4), resolved 0/1]
    private static readonly FrozenDictionary<string, object?>[][,] Tickets =
        [.. RetailReferenceData.TicketTopics.Select(topic => Grid(5, 2,
            (s, r) => Make(("topic", topic), ("satisfaction", (decimal)(s + 1)), ("resolved", r == 1))))];

    public static IReadOnlyList<string> PaymentMethods => RetailReferenceData.PaymentMethods;

    public static FrozenDictionary<string, object?> Payment(int method) => Payments[method];

    public static FrozenDictionary<string, object?> Coupon(int campaign) => Coupons[campaign];

    public static FrozenDictionary<string, object?> Refund(int reason) => RefundReasons[reason];

    /// <summary>severity 0 = low, 1 = medium, 2 = high.</summary>
    public static FrozenDictionary<string, object?> Complaint(int severity, int reason) => Complaints[severity, reason];

    public static FrozenDictionary<string, object?> Ticket(int topic, int satisfaction, bool resolved) => Tickets[topic][satisfaction - 1, resolved ? 1 : 0];

    private static FrozenDictionary<string, object?> Make(params (string Key, object? Value)[] pairs) =>
        pairs.ToFrozenDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static T[,] Grid<T>(int rows, int columns, Func<int, int, T> make)
    {
        var grid = new T[rows, columns];
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < columns; c++) grid[r, c] = make(r, c);
        return grid;
    }
}
