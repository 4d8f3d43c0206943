using System.Collections.Frozen;

namespace RetailTagging;

/// <summary>
/// One immutable event in a customer's history: a purchase, a refund, a cart add, a complaint...
/// Refunds and returns are ordinary events of type <c>refund</c>; aggregates see them only
/// when they name that type.
/// </summary>
public sealed record CustomerEvent
{
    private readonly IReadOnlyDictionary<string, object?> _properties = FrozenDictionary<string, object?>.Empty;

    /// <summary>Creates an event.</summary>
    /// <param name="id">Unique event id (duplicates are ignored by the engine).</param>
    /// <param name="customerId">The customer the event belongs to.</param>
    /// <param name="type">The event type, e.g. <c>purchase</c>.</param>
    /// <param name="at">When the event happened.</param>
    public CustomerEvent(string id, string customerId, string type, DateTimeOffset at)
    {
        Id = id;
        CustomerId = customerId;
        Type = type;
        At = at;
    }

    /// <summary>Unique event id (<c>id</c>).</summary>
    public string Id { get; }

    /// <summary>The customer the event belongs to.</summary>
    public string CustomerId { get; }

    /// <summary>Event type (<c>type</c>), one of <see cref="EventTypes"/> or a declared custom type.</summary>
    public string Type { get; }

    /// <summary>When the event happened (<c>at</c>).</summary>
    public DateTimeOffset At { get; }

    /// <summary>Sales channel, e.g. <c>pos</c>, <c>online</c>, <c>mini_program</c> (<c>channel</c>).</summary>
    public string? Channel { get; init; }

    /// <summary>Store id (<c>store</c>).</summary>
    public string? Store { get; init; }

    /// <summary>Money amount (<c>amount</c>).</summary>
    public decimal? Amount { get; init; }

    /// <summary>Stock-keeping unit (<c>sku</c>).</summary>
    public string? Sku { get; init; }

    /// <summary>Product category (<c>category</c>).</summary>
    public string? Category { get; init; }

    /// <summary>Brand (<c>brand</c>).</summary>
    public string? Brand { get; init; }

    /// <summary>Quantity (<c>quantity</c>).</summary>
    public decimal? Quantity { get; init; }

    /// <summary>Custom event properties by name, as declared in the catalog or schema.</summary>
    public IReadOnlyDictionary<string, object?> Properties
    {
        get => _properties;
        init => _properties = value is FrozenDictionary<string, object?> frozen
            ? frozen
            : (value ?? throw new ArgumentNullException(nameof(value))).ToFrozenDictionary(StringComparer.Ordinal);
    }
}
