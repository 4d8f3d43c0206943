namespace RetailTagging.Engine;

/// <summary>
/// Supplies model scores read by <c>score("name")</c>: the RFM adapter's p_alive and CLV, or the
/// host's own churn model. Providers are called once per customer evaluation; they must be
/// thread-safe and must not throw for ordinary data (a missing score is simply not added).
/// </summary>
public interface IScoreProvider
{
    /// <summary>Adds this provider's scores for the customer as of <paramref name="asOf"/> to <paramref name="scores"/>.</summary>
    void AddScores(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IDictionary<string, decimal> scores);
}
