namespace RetailTagging.Synthetic;

/// <summary>One generated customer: the profile, their event history (oldest first) and the hidden truth behind it.</summary>
/// <param name="Index">Position in the population (0-based); <see cref="RetailDataGenerator.Generate"/> of it gives this customer again.</param>
/// <param name="Customer">The customer profile, with custom attributes <c>member_id</c>, <c>loyalty_points</c>, <c>marketing_opt_in</c> and <c>preferred_store</c>.</param>
/// <param name="Events">The events, ordered by time, none after the as-of instant.</param>
/// <param name="Scores">Model scores a host's ML would supply (<c>churn</c>, <c>clv</c>, <c>p_alive</c>, <c>propensity_maternity</c>), derived from the hidden traits with noise.</param>
/// <param name="Traits">The latent behaviour the events were drawn from, as labels for model tests.</param>
public sealed record SyntheticCustomer(
    long Index,
    Customer Customer,
    IReadOnlyList<CustomerEvent> Events,
    IReadOnlyDictionary<string, decimal> Scores,
    SyntheticTraits Traits);

/// <summary>The hidden behaviour of a synthetic customer.</summary>
/// <param name="PurchaseRatePerDay">Their Poisson purchase rate while active (lambda).</param>
/// <param name="DropoutProbability">Their chance to drop out after each purchase (p).</param>
/// <param name="TypicalOrderValue">The median of their log-normal order values, in yuan.</param>
/// <param name="DroppedOutAt">When they stopped buying, or null if still active at the as-of instant.</param>
/// <param name="PreferredCategory">The category they buy most often.</param>
/// <param name="PreferredChannel">The channel they use most often.</param>
/// <param name="IsBuyer">False for members who never buy.</param>
public sealed record SyntheticTraits(
    double PurchaseRatePerDay,
    double DropoutProbability,
    decimal TypicalOrderValue,
    DateTimeOffset? DroppedOutAt,
    string PreferredCategory,
    string PreferredChannel,
    bool IsBuyer);
