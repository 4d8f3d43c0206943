using System.Collections.Frozen;

namespace RetailTagging.Engine.State;

/// <summary>
/// One event as an incremental tagger keeps it: the instant as clock ticks and offset, the strings
/// as ids in the tagger's <see cref="StringTable"/>, custom properties only when there are any.
/// About 88 bytes inline in the customer's log, where a <see cref="CustomerEvent"/> costs 152 bytes
/// plus the reference to it. The id string is kept: rules can read it, and it orders events that
/// share an instant (first/last aggregates), so it is part of what evaluation sees.
/// </summary>
internal readonly struct LoggedEvent
{
    private const byte HasAmount = 1, HasQuantity = 2;

    private readonly string _id;
    private readonly IReadOnlyDictionary<string, object?>? _properties;
    private readonly long _ticks;
    private readonly decimal _amount;
    private readonly decimal _quantity;
    private readonly int _type, _channel, _store, _sku, _category, _brand;
    private readonly short _offsetMinutes;
    private readonly byte _flags;

    public LoggedEvent(CustomerEvent e, StringTable strings)
    {
        _id = e.Id;
        _properties = e.Properties.Count == 0 ? null : e.Properties;
        _ticks = e.At.Ticks;
        _offsetMinutes = (short)e.At.Offset.TotalMinutes;
        _amount = e.Amount ?? 0;
        _quantity = e.Quantity ?? 0;
        _flags = (byte)((e.Amount is null ? 0 : HasAmount) | (e.Quantity is null ? 0 : HasQuantity));
        _type = strings.Id(e.Type);
        _channel = strings.Id(e.Channel);
        _store = strings.Id(e.Store);
        _sku = strings.Id(e.Sku);
        _category = strings.Id(e.Category);
        _brand = strings.Id(e.Brand);
    }

    public string Id => _id;

    public DateTimeOffset At => new(_ticks, TimeSpan.FromMinutes(_offsetMinutes));

    /// <summary>The event type's id in the tagger's string table.</summary>
    public int Type => _type;

    /// <summary>The event as the engine reads it: equal, field by field, to the one ingested.</summary>
    public CustomerEvent ToEvent(string customerId, StringTable strings)
    {
        return new CustomerEvent(_id, customerId, strings[_type]!, At)
        {
            Channel = strings[_channel],
            Store = strings[_store],
            Amount = (_flags & HasAmount) != 0 ? _amount : null,
            Sku = strings[_sku],
            Category = strings[_category],
            Brand = strings[_brand],
            Quantity = (_flags & HasQuantity) != 0 ? _quantity : null,
            // Kept as ingested (a frozen dictionary), so the property setter does not copy it.
            Properties = _properties ?? NoProperties,
        };
    }

    private static readonly IReadOnlyDictionary<string, object?> NoProperties = FrozenDictionary<string, object?>.Empty;
}
