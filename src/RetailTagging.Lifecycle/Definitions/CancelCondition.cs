namespace RetailTagging.Lifecycle;

/// <summary>
/// "unless purchase within 72h": a pending firing is cancelled when a matching event happens
/// after the cause and no later than <see cref="Within"/> after it, and arrives before the firing.
/// </summary>
/// <param name="Event">The event that cancels.</param>
/// <param name="Within">How long after the cause a matching event still cancels.</param>
public sealed record CancelCondition(EventMatcher Event, TimeSpan Within)
{
    /// <summary>True when <paramref name="e"/> cancels a firing caused at <paramref name="causedAt"/>.</summary>
    public bool Cancels(CustomerEvent e, DateTimeOffset causedAt, Customer? customer = null) =>
        e.At > causedAt && e.At <= causedAt + Within && Event.Matches(e, customer);
}
