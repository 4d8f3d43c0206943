using RetailTagging.Language;

namespace RetailTagging.Lifecycle;

/// <summary>What makes a trigger fire: an event, a tag change or a date attribute.</summary>
public abstract record TriggerSource;

/// <summary>Fires on an event of a type that passes an optional filter.</summary>
/// <param name="Event">The event matcher.</param>
/// <param name="When">
/// An optional customer-level condition in the tag language, evaluated over the customer's history
/// (passed by the host) as of the event's instant, e.g. <c>count(purchase) == 1</c> for a first purchase.
/// </param>
public sealed record EventTriggerSource(EventMatcher Event, CompiledExpression? When = null) : TriggerSource;

/// <summary>Fires when a customer enters, exits or changes the value of a tag.</summary>
/// <param name="Tag">The tag name.</param>
/// <param name="Transition">The change that fires.</param>
public sealed record TagTriggerSource(string Tag, TagTransition Transition) : TriggerSource;

/// <summary>
/// Fires every year at <see cref="LocalTime"/> in the business time zone, <see cref="OffsetDays"/>
/// from the anniversary of a date attribute (<c>birth_date</c>, <c>registered_at</c> or a custom
/// date attribute). A 29 February anniversary falls on 28 February in non-leap years.
/// </summary>
/// <param name="Attribute">The attribute name.</param>
/// <param name="OffsetDays">Days from the anniversary (negative: before it).</param>
/// <param name="LocalTime">The local time of day to fire at.</param>
public sealed record DateTriggerSource(string Attribute, int OffsetDays, TimeOnly LocalTime) : TriggerSource
{
    /// <summary>The attribute's date for <paramref name="customer"/>, or null when absent.</summary>
    public DateOnly? DateOf(Customer customer, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return Attribute switch
        {
            "birth_date" => customer.BirthDate,
            "registered_at" => customer.RegisteredAt is { } at ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime) : null,
            _ => customer.Attributes.TryGetValue(Attribute, out var value) ? value switch
            {
                DateOnly d => d,
                DateTimeOffset at => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime),
                DateTime dt => DateOnly.FromDateTime(dt),
                _ => null,
            } : null,
        };
    }
}
