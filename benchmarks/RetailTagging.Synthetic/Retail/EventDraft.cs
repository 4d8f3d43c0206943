namespace RetailTagging.Synthetic.Retail;

/// <summary>An event before ids are given: ids follow time order, which is known only once all are drawn.</summary>
internal readonly record struct EventDraft(
    DateTimeOffset At,
    int Sequence,
    string Type,
    string? Channel,
    string? Store = null,
    decimal? Amount = null,
    string? Sku = null,
    string? Category = null,
    string? Brand = null,
    decimal? Quantity = null,
    IReadOnlyDictionary<string, object?>? Properties = null)
{
    public static int Compare(EventDraft a, EventDraft b)
    {
        var byTime = a.At.UtcTicks.CompareTo(b.At.UtcTicks);
        return byTime != 0 ? byTime : a.Sequence.CompareTo(b.Sequence);
    }

    public CustomerEvent ToEvent(string id, string customerId) => new(id, customerId, Type, At)
    {
        Channel = Channel,
        Store = Store,
        Amount = Amount,
        Sku = Sku,
        Category = Category,
        Brand = Brand,
        Quantity = Quantity,
        Properties = Properties ?? EventProperties.None,
    };
}
