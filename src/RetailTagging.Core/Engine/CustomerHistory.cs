namespace RetailTagging.Engine;

/// <summary>One customer with their events, as a batch run reads them.</summary>
/// <param name="Customer">The customer.</param>
/// <param name="Events">Their events in any order.</param>
/// <param name="Previous">The tags they held before, to compute changes; null for none.</param>
/// <param name="ManualDecisions">Manual decisions about their tags.</param>
public sealed record CustomerHistory(Customer Customer, IReadOnlyList<CustomerEvent> Events, TagSet? Previous = null, IReadOnlyList<ManualTagDecision>? ManualDecisions = null);

/// <summary>Progress of a batch run.</summary>
/// <param name="CustomersEvaluated">Customers tagged so far.</param>
/// <param name="TagChanges">Changes found so far.</param>
/// <param name="Elapsed">Time since the run started.</param>
public readonly record struct BatchProgress(long CustomersEvaluated, long TagChanges, TimeSpan Elapsed);
