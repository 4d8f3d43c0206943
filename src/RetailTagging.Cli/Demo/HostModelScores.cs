using System.Collections.Concurrent;
using RetailTagging.Engine;
using RetailTagging.Synthetic;

namespace RetailTagging.Cli.Demo;

/// <summary>
/// The scores a retailer's data-science team would supply (<c>churn</c>, <c>propensity_maternity</c>): the synthetic
/// generator draws them from each customer's hidden behaviour. <c>p_alive</c> and <c>clv</c> are not taken from here:
/// the RFM adapter computes them with the fitted BG/NBD and Gamma-Gamma models. Holds one chunk's customers at a time.
/// </summary>
internal sealed class HostModelScores : IScoreProvider
{
    private static readonly string[] Supplied = ["churn", "propensity_maternity"];
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, decimal>> _scores = new(StringComparer.Ordinal);

    public void Load(IEnumerable<SyntheticCustomer> chunk)
    {
        _scores.Clear();
        foreach (var customer in chunk)
            _scores[customer.Customer.Id] = customer.Scores;
    }

    public void AddScores(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IDictionary<string, decimal> scores)
    {
        if (!_scores.TryGetValue(customer.Id, out var known))
            return;
        foreach (var name in Supplied)
            if (known.TryGetValue(name, out var value))
                scores[name] = value;
    }
}
