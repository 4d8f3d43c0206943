using RetailTagging.Engine;

namespace RetailTagging.Benchmarks.Suites;

/// <summary>Serves the generated customers' model scores to the engine, as a host's ML store would.</summary>
internal sealed class SyntheticScores(IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> byCustomer) : IScoreProvider
{
    public void AddScores(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IDictionary<string, decimal> scores)
    {
        if (!byCustomer.TryGetValue(customer.Id, out var own)) return;
        foreach (var (name, value) in own) scores[name] = value;
    }
}
