namespace RetailTagging.Engine;

/// <summary>
/// Supplies derived customer attributes computed at evaluation time, such as an RFM segment or a
/// preferred category, readable as <c>customer.name</c> once the catalog declares them
/// (<c>attribute rfm_segment : string</c>). Values the host stored on the customer win over
/// provided ones. Providers must be thread-safe and must not throw for ordinary data.
/// </summary>
public interface ICustomerAttributeProvider
{
    /// <summary>Adds this provider's attributes for the customer as of <paramref name="asOf"/>.</summary>
    void AddAttributes(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IDictionary<string, object?> attributes);
}
