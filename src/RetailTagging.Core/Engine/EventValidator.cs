using RetailTagging.Language;

namespace RetailTagging.Engine;

/// <summary>
/// Checks customers and events at the boundary, returning the reasons a record is rejected
/// instead of letting bad data fail deep inside an evaluation.
/// </summary>
public static class EventValidator
{
    /// <summary>The earliest instant an event may carry.</summary>
    public static readonly DateTimeOffset EarliestInstant = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The latest instant an event may carry.</summary>
    public static readonly DateTimeOffset LatestInstant = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Why <paramref name="e"/> cannot be used with <paramref name="schema"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(CustomerEvent e, TagSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (e is null) return ["the event is null"];
        var reasons = new List<string>();
        if (string.IsNullOrWhiteSpace(e.Id)) reasons.Add("missing event id");
        if (string.IsNullOrWhiteSpace(e.CustomerId)) reasons.Add("missing customer id");
        if (string.IsNullOrWhiteSpace(e.Type)) reasons.Add("missing event type");
        else if (!schema.EventTypes.ContainsKey(e.Type)) reasons.Add($"unknown event type '{e.Type}'");
        if (e.At < EarliestInstant || e.At > LatestInstant) reasons.Add($"impossible instant {e.At:O}");
        if (e.Amount < 0) reasons.Add("negative amount (record a refund as an event of type 'refund' with a positive amount)");
        if (e.Quantity < 0) reasons.Add("negative quantity");
        foreach (var (name, value) in e.Properties)
        {
            if (value is double d && !double.IsFinite(d) || value is float f && !float.IsFinite(f))
                reasons.Add($"property '{name}' is not a finite number");
            else if (!string.IsNullOrEmpty(e.Type) && schema.FindProperty(e.Type, name) is { } property && value is not null
                && HostValueConverter.Convert(value, property.Type).IsNull)
                reasons.Add($"property '{name}' is not a {property.Type}");
        }
        return reasons;
    }

    /// <summary>Why <paramref name="customer"/> cannot be used with <paramref name="schema"/>; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(Customer customer, TagSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (customer is null) return ["the customer is null"];
        var reasons = new List<string>();
        if (customer.BirthDate is { } birth && (birth.Year < 1900 || birth > DateOnly.FromDateTime(LatestInstant.UtcDateTime)))
            reasons.Add($"impossible birth date {birth:yyyy-MM-dd}");
        if (customer.RegisteredAt is { } registered && (registered < EarliestInstant || registered > LatestInstant))
            reasons.Add($"impossible registration instant {registered:O}");
        foreach (var (name, value) in customer.Attributes)
        {
            if (value is double d && !double.IsFinite(d) || value is float f && !float.IsFinite(f))
                reasons.Add($"attribute '{name}' is not a finite number");
            else if (schema.Attributes.TryGetValue(name, out var attribute) && value is not null && HostValueConverter.Convert(value, attribute.Type).IsNull)
                reasons.Add($"attribute '{name}' is not a {attribute.Type}");
        }
        return reasons;
    }
}
