using RetailTagging.Engine;
using RetailTagging.Language;
using RetailTagging.Rfm.Profiles;

namespace RetailTagging.Rfm.Tagging;

/// <summary>
/// Makes RFM profiles visible to the tag language: every number as a score (<c>score("p_alive")</c>,
/// <c>score("r_score")</c>) and every value as a customer attribute prefixed <c>rfm_</c>
/// (<c>customer.rfm_segment</c>, <c>customer.rfm_top_category</c>, <c>customer.rfm_next_purchase_at</c>).
/// Declare them in the catalog's schema with <see cref="AddTo"/>. The profile is computed once per
/// customer evaluation and shared by both roles.
/// </summary>
public sealed class RfmTagValues(RfmProfileService profiles, RfmOptions options) : IScoreProvider, ICustomerAttributeProvider
{
    /// <summary>The prefix of the attributes this provider fills.</summary>
    public const string AttributePrefix = "rfm_";

    [ThreadStatic] private static (string CustomerId, DateTimeOffset AsOf, object Events, IReadOnlyDictionary<string, object?> Values)? t_last;

    /// <summary>Declares the scores and attributes on a schema builder, with the types the language sees.</summary>
    public static TagSchemaBuilder AddTo(TagSchemaBuilder schema, RfmOptions options)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var name in RfmValueNames.All(options))
        {
            var type = TypeOf(name);
            if (type == TagType.Number) schema.AddScore(name);
            schema.AddAttribute(AttributePrefix + name, type);
        }
        return schema;
    }

    /// <inheritdoc />
    public void AddScores(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IDictionary<string, decimal> scores)
    {
        foreach (var (name, value) in Values(customer, events, asOf))
            if (value is decimal number) scores[name] = number;
    }

    /// <inheritdoc />
    public void AddAttributes(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IDictionary<string, object?> attributes)
    {
        foreach (var (name, value) in Values(customer, events, asOf))
            if (value is not null) attributes[AttributePrefix + name] = value;
    }

    private IReadOnlyDictionary<string, object?> Values(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf)
    {
        if (t_last is { } last && last.CustomerId == customer.Id && last.AsOf == asOf && ReferenceEquals(last.Events, events)) return last.Values;
        var values = profiles.Values(customer.Id, events, asOf);
        t_last = (customer.Id, asOf, events, values);
        return values;
    }

    private static TagType TypeOf(string name) => name switch
    {
        RfmValueNames.Segment or RfmValueNames.TopCategory => TagType.String,
        RfmValueNames.NextPurchaseAt => TagType.Instant,
        _ => TagType.Number,
    };

    /// <summary>The options the provider was built with.</summary>
    public RfmOptions Options => options;
}
