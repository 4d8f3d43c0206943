using RetailTagging.Diagnostics;
using RetailTagging.Language;

namespace RetailTagging.Catalog;

/// <summary>What fires a trigger declared in a catalog.</summary>
public enum CatalogTriggerSourceKind
{
    /// <summary><c>on event purchase [where ...] [when ...]</c>: an event of a type.</summary>
    Event,
    /// <summary><c>on tag name entered</c>: a customer gained the tag.</summary>
    TagEntered,
    /// <summary><c>on tag name exited</c>: a customer lost the tag (removed or expired).</summary>
    TagExited,
    /// <summary><c>on tag name changed</c>: a valued tag's value changed.</summary>
    TagChanged,
    /// <summary><c>on date birth_date - 3d at 10:00</c>: every year, offset from a date attribute's anniversary.</summary>
    Date,
    /// <summary><c>on inactivity purchase [where ...] for 28d</c>: that long after the last matching event.</summary>
    Inactivity,
}

/// <summary>Events of one type passing an optional filter over their own fields.</summary>
/// <param name="EventType">The event type.</param>
/// <param name="Where">The filter in canonical form, or null when every event of the type matches.</param>
/// <param name="Filter">
/// The filter compiled as <c>exists(type where filter)</c>: true for a history holding only a matching
/// event. Null when there is no filter.
/// </param>
public sealed record CatalogEventPattern(string EventType, string? Where, CompiledExpression? Filter);

/// <summary>A cancel condition: a matching event after the cause and within <paramref name="Within"/> cancels the pending firing.</summary>
/// <param name="Event">The cancelling events.</param>
/// <param name="Within">How long after the cause a matching event still cancels.</param>
public sealed record CatalogTriggerCancel(CatalogEventPattern Event, TimeSpan Within);

/// <summary>
/// A checked <c>trigger</c> declaration of a catalog (see docs/lifecycle.md). The catalog only
/// describes it; the lifecycle package (<c>CatalogTriggers.From</c>) turns it into a runnable trigger.
/// </summary>
public sealed record CatalogTrigger
{
    /// <summary>The trigger's id; part of every idempotency key.</summary>
    public required string Name { get; init; }

    /// <summary>A display name for people.</summary>
    public string? DisplayName { get; init; }

    /// <summary>What fires it.</summary>
    public required CatalogTriggerSourceKind Source { get; init; }

    /// <summary>For <see cref="CatalogTriggerSourceKind.Event"/> and <see cref="CatalogTriggerSourceKind.Inactivity"/>: the events.</summary>
    public CatalogEventPattern? Event { get; init; }

    /// <summary>For events: a customer-level condition over the history as of the event (<c>when count(purchase) == 1</c>).</summary>
    public CompiledExpression? Condition { get; init; }

    /// <summary>For tag sources: the tag.</summary>
    public string? Tag { get; init; }

    /// <summary>For <see cref="CatalogTriggerSourceKind.Date"/>: the date attribute.</summary>
    public string? DateAttribute { get; init; }

    /// <summary>For dates: days from the anniversary (negative: before it).</summary>
    public int DateOffsetDays { get; init; }

    /// <summary>For dates: the local time of day, in the business time zone.</summary>
    public TimeOnly? LocalTime { get; init; }

    /// <summary>For <see cref="CatalogTriggerSourceKind.Inactivity"/>: how long after the last matching event.</summary>
    public TimeSpan? InactivityPeriod { get; init; }

    /// <summary>How long after the cause the firing is decided (<c>after</c>, or the window of <c>not followed by</c>).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>The cancel condition (<c>unless</c> or <c>not followed by</c>), if any.</summary>
    public CatalogTriggerCancel? Cancel { get; init; }

    /// <summary>The action (<c>do</c>), or null to default to the name.</summary>
    public string? Action { get; init; }

    /// <summary>Channels in order of preference (<c>via</c>), lower-case: sms, wechat, email, push, call. Empty: the default.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>The priority; higher wins when several triggers fire together.</summary>
    public int Priority { get; init; }

    /// <summary>The cooldown per customer, or null for the host's default.</summary>
    public TimeSpan? Cooldown { get; init; }

    /// <summary>True for a service action (<c>service</c>): outside frequency caps and quiet hours.</summary>
    public bool IsService { get; init; }

    /// <summary>Static properties of every firing (<c>with key "value"</c>).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the trigger is declared.</summary>
    public SourcePosition Position { get; init; }

    /// <summary>The channel names a <c>via</c> clause accepts.</summary>
    public static IReadOnlyList<string> KnownChannels { get; } = ["sms", "wechat", "email", "push", "call"];
}
