using RetailTagging.Language;

namespace RetailTagging.Lifecycle;

/// <summary>Factories for trigger definitions; refine them with the fluent methods of <see cref="TriggerDefinition"/>.</summary>
public static class Trigger
{
    /// <summary>On an event of <paramref name="eventType"/> passing <paramref name="where"/> (a filter over the event's fields).</summary>
    /// <param name="id">The trigger id.</param>
    /// <param name="eventType">The event type.</param>
    /// <param name="where">An optional filter, e.g. <c>amount &gt;= 500</c>.</param>
    /// <param name="when">An optional condition over the customer's history, e.g. <c>count(purchase) == 1</c>; the host then passes the history.</param>
    /// <param name="options">Schema and time zone for compiling both; the defaults when null.</param>
    public static TriggerDefinition OnEvent(string id, string eventType, string? where = null, string? when = null, CompilationOptions? options = null)
    {
        CompiledExpression? condition = null;
        if (when is not null && !TagExpression.TryCompile(when, out condition, out var diagnostics, options))
            throw new ArgumentException($"The condition '{when}' does not compile: {string.Join("; ", diagnostics.Select(d => d.ToString()))}", nameof(when));
        return new TriggerDefinition(id, new EventTriggerSource(EventMatcher.Create(eventType, where, options), condition));
    }

    /// <summary>When a customer gains <paramref name="tag"/>.</summary>
    public static TriggerDefinition OnTagEntered(string id, string tag) => OnTag(id, tag, TagTransition.Entered);

    /// <summary>When a customer loses <paramref name="tag"/> (removed or expired).</summary>
    public static TriggerDefinition OnTagExited(string id, string tag) => OnTag(id, tag, TagTransition.Exited);

    /// <summary>When the value of the valued tag <paramref name="tag"/> changes.</summary>
    public static TriggerDefinition OnTagChanged(string id, string tag) => OnTag(id, tag, TagTransition.Changed);

    /// <summary>Every year, <paramref name="offsetDays"/> from the anniversary of <paramref name="attribute"/>, at <paramref name="localTime"/> business time.</summary>
    /// <param name="id">The trigger id.</param>
    /// <param name="attribute"><c>birth_date</c>, <c>registered_at</c> or a custom date attribute.</param>
    /// <param name="offsetDays">Days from the anniversary; -3 is three days before.</param>
    /// <param name="localTime">Local time of day.</param>
    public static TriggerDefinition OnDate(string id, string attribute, int offsetDays, TimeOnly localTime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(attribute);
        if (Math.Abs(offsetDays) > 180) throw new ArgumentOutOfRangeException(nameof(offsetDays), offsetDays, "An anniversary offset must be within 180 days.");
        return new TriggerDefinition(id, new DateTriggerSource(attribute, offsetDays, localTime));
    }

    /// <summary>
    /// Inactivity or a due purchase cycle: <paramref name="after"/> since the last
    /// <paramref name="eventType"/> passing <paramref name="where"/>. Each matching event cancels the
    /// pending firing of the one before and starts its own clock.
    /// </summary>
    public static TriggerDefinition OnInactivity(string id, string eventType, TimeSpan after, string? where = null)
    {
        if (after <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(after), after, "An inactivity period must be positive.");
        return OnEvent(id, eventType, where).NotFollowedBy(eventType, after, where);
    }

    private static TriggerDefinition OnTag(string id, string tag, TagTransition transition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        return new TriggerDefinition(id, new TagTriggerSource(tag, transition));
    }
}
