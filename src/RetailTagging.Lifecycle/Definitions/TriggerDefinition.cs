namespace RetailTagging.Lifecycle;

/// <summary>
/// One trigger: what fires it, an optional delay and cancel condition, the action and channels,
/// and how policies treat it. Immutable; the fluent methods return changed copies. Start from
/// <see cref="Trigger"/>.
/// </summary>
public sealed record TriggerDefinition
{
    /// <summary>Creates a definition; prefer the <see cref="Trigger"/> factories.</summary>
    /// <param name="id">Stable id; part of every idempotency key, so never reuse one for a different trigger.</param>
    /// <param name="source">What fires it.</param>
    public TriggerDefinition(string id, TriggerSource source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (id.Contains('|')) throw new ArgumentException("A trigger id must not contain '|' (it separates the parts of idempotency keys).", nameof(id));
        ArgumentNullException.ThrowIfNull(source);
        Id = id;
        Source = source;
        Action = id;
    }

    /// <summary>Stable id.</summary>
    public string Id { get; }

    /// <summary>What fires it.</summary>
    public TriggerSource Source { get; }

    /// <summary>How long after the cause the firing is decided (zero: at once).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Cancels a delayed firing when a matching event comes first; null for none.</summary>
    public CancelCondition? Unless { get; init; }

    /// <summary>What the host should do, e.g. <c>send_coupon</c>; the sink dispatches on it. Defaults to the id.</summary>
    public string Action { get; init; }

    /// <summary>Channels in order of preference; the firing goes to the first one the customer has not opted out of.</summary>
    public IReadOnlyList<TriggerChannel> Channels { get; init; } = [TriggerChannel.Push];

    /// <summary>Higher wins when several triggers fire for a customer together (the frequency cap admits the highest first).</summary>
    public int Priority { get; init; }

    /// <summary>Marketing touches count against the frequency cap; service actions (call-backs) do not.</summary>
    public bool IsMarketing { get; init; } = true;

    /// <summary>The minimum time between two deliveries of this trigger to one customer; null: the options' default.</summary>
    public TimeSpan? Cooldown { get; init; }

    /// <summary>When true (the default), a firing decided in quiet hours is deferred to their end.</summary>
    public bool RespectsQuietHours { get; init; } = true;

    /// <summary>Static properties copied to every firing (coupon code, task due time...).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>Fires <paramref name="delay"/> after the cause instead of at once.</summary>
    public TriggerDefinition After(TimeSpan delay) =>
        delay < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(delay), delay, "A delay must not be negative.") : this with { Delay = delay };

    /// <summary>"unless <paramref name="eventType"/> within <paramref name="within"/>" (default: the delay).</summary>
    public TriggerDefinition UnlessEvent(string eventType, string? where = null, TimeSpan? within = null)
    {
        var window = within ?? Delay;
        if (window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(within), window, "A cancel window must be positive; set a delay first or pass one.");
        return this with { Unless = new CancelCondition(EventMatcher.Create(eventType, where), window) };
    }

    /// <summary>A sequence window: "cause not followed by <paramref name="eventType"/> within <paramref name="within"/>".</summary>
    public TriggerDefinition NotFollowedBy(string eventType, TimeSpan within, string? where = null) =>
        After(within).UnlessEvent(eventType, where, within);

    /// <summary>Sets the action name.</summary>
    public TriggerDefinition Does(string action)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        return this with { Action = action };
    }

    /// <summary>Sets the channels in order of preference.</summary>
    public TriggerDefinition Via(params TriggerChannel[] channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Length == 0) throw new ArgumentException("Give at least one channel.", nameof(channels));
        return this with { Channels = channels.Distinct().ToArray() };
    }

    /// <summary>Sets the priority.</summary>
    public TriggerDefinition WithPriority(int priority) => this with { Priority = priority };

    /// <summary>Sets the cooldown per customer.</summary>
    public TriggerDefinition WithCooldown(TimeSpan cooldown) =>
        cooldown < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(cooldown)) : this with { Cooldown = cooldown };

    /// <summary>Marks the trigger as a service action: outside the frequency cap and quiet hours.</summary>
    public TriggerDefinition AsService() => this with { IsMarketing = false, RespectsQuietHours = false };

    /// <summary>Adds a static property copied to every firing.</summary>
    public TriggerDefinition With(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        return this with { Properties = new Dictionary<string, string>(Properties) { [key] = value } };
    }
}
