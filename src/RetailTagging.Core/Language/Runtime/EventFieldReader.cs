namespace RetailTagging.Language.Runtime;

/// <summary>
/// Reads one event field without going through a delegate or a name lookup: built-in fields are
/// a switch on a small enum resolved once per aggregate; custom properties go to the event's
/// property map. Gives the same values as <see cref="HostData.EventField"/>.
/// </summary>
internal readonly struct EventFieldReader
{
    private enum Field : byte { None, Custom, Id, Type, At, Channel, Store, Amount, Sku, Category, Brand, Quantity }

    private readonly Field _field;
    private readonly PropertyDefinition? _property;

    public EventFieldReader(PropertyDefinition? property)
    {
        _property = property;
        _field = property is null ? Field.None
            : !property.IsBuiltIn ? Field.Custom
            : property.Name switch
            {
                "id" => Field.Id,
                "type" => Field.Type,
                "at" => Field.At,
                "channel" => Field.Channel,
                "store" => Field.Store,
                "amount" => Field.Amount,
                "sku" => Field.Sku,
                "category" => Field.Category,
                "brand" => Field.Brand,
                "quantity" => Field.Quantity,
                _ => Field.Custom,
            };
    }

    /// <summary>True when the aggregate reads no property (count and exists of events).</summary>
    public bool IsNone => _field == Field.None;

    /// <summary>The field's value; for no property, <c>true</c> (every event counts).</summary>
    public Value Read(CustomerEvent e) => _field switch
    {
        Field.None => Value.FromBool(true),
        Field.Id => Value.FromString(e.Id),
        Field.Type => Value.FromString(e.Type),
        Field.At => Value.FromInstant(e.At),
        Field.Channel => Value.FromString(e.Channel),
        Field.Store => Value.FromString(e.Store),
        Field.Amount => Value.From(e.Amount),
        Field.Sku => Value.FromString(e.Sku),
        Field.Category => Value.FromString(e.Category),
        Field.Brand => Value.FromString(e.Brand),
        Field.Quantity => Value.From(e.Quantity),
        _ => HostData.CustomProperty(e, _property!.Name, _property.Type),
    };

    /// <summary>The field as a number (null when absent or not a number), without building a <see cref="Value"/> for built-in numbers.</summary>
    public decimal? ReadNumber(CustomerEvent e) => _field switch
    {
        Field.Amount => e.Amount,
        Field.Quantity => e.Quantity,
        _ => Read(e).AsNumber,
    };

    /// <summary>True when the field is present (not null) on the event.</summary>
    public bool IsPresent(CustomerEvent e) => _field switch
    {
        Field.None => true,
        Field.Id or Field.Type or Field.At => true,
        Field.Channel => e.Channel is not null,
        Field.Store => e.Store is not null,
        Field.Amount => e.Amount is not null,
        Field.Sku => e.Sku is not null,
        Field.Category => e.Category is not null,
        Field.Brand => e.Brand is not null,
        Field.Quantity => e.Quantity is not null,
        _ => !Read(e).IsNull,
    };
}
