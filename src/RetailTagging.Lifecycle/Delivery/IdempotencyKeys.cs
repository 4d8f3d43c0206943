using System.Globalization;
using RetailTagging.Engine;

namespace RetailTagging.Lifecycle;

/// <summary>
/// Deterministic idempotency keys: <c>trigger|customer|cause</c>, where the cause is an event id,
/// a tag change (<c>tag:tag:kind:utc-ticks</c>) or a date occurrence (<c>date:attribute:year</c>).
/// Replaying the same inputs gives the same keys.
/// </summary>
public static class IdempotencyKeys
{
    /// <summary>The key of a firing.</summary>
    public static string For(string triggerId, string customerId, string causeId) => string.Concat(triggerId, "|", customerId, "|", causeId);

    /// <summary>The cause id of an event.</summary>
    public static string EventCause(CustomerEvent e) => "event:" + e.Id;

    /// <summary>The cause id of a tag change.</summary>
    public static string TagCause(TagChange change) =>
        string.Create(CultureInfo.InvariantCulture, $"tag:{change.Tag}:{change.Kind}:{change.At.UtcTicks}");

    /// <summary>The cause id of a yearly date occurrence.</summary>
    public static string DateCause(string attribute, int year) =>
        string.Create(CultureInfo.InvariantCulture, $"date:{attribute}:{year}");
}
