using RetailTagging.Engine;

namespace RetailTagging.Cli.Input;

/// <summary>
/// Model scores from the customer file: a <c>score.churn</c> column feeds <c>score("churn")</c>, so model and
/// predictive tags can be run from the command line with the host's model output. The reader keeps the scores in
/// the customer's attributes under <c>score.&lt;name&gt;</c> (names no declared attribute can have, as attribute
/// names cannot contain a dot); this provider hands them to the engine.
/// </summary>
internal sealed class CustomerColumnScores : IScoreProvider
{
    /// <inheritdoc />
    public void AddScores(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IDictionary<string, decimal> scores)
    {
        foreach (var (name, value) in customer.Attributes)
        {
            if (value is decimal score && name.StartsWith(CustomerRowParser.ScorePrefix, StringComparison.Ordinal))
                scores[name[CustomerRowParser.ScorePrefix.Length..]] = score;
        }
    }
}
