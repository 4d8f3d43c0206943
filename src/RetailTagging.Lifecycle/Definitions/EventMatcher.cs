using RetailTagging.Language;

namespace RetailTagging.Lifecycle;

/// <summary>
/// Matches one event by type and an optional filter written in the tag language's <c>where</c>
/// syntax over the event's own fields (<c>amount &gt;= 500 and category == "formula_milk"</c>).
/// </summary>
/// <remarks>
/// Why this shape: the filter is compiled once as <c>exists(type where filter)</c> and evaluated
/// over a history holding only the event at the event's instant, so it means exactly what the
/// same filter means inside a tag rule, with the language's checks, and never sees other events.
/// </remarks>
public sealed class EventMatcher
{
    private static readonly Customer Anonymous = new("_");
    private readonly CompiledExpression? _filter;

    private EventMatcher(string eventType, string? where, CompiledExpression? filter)
    {
        EventType = eventType;
        Where = where;
        _filter = filter;
    }

    /// <summary>The event type, e.g. <c>purchase</c>.</summary>
    public string EventType { get; }

    /// <summary>The filter text, or null when every event of the type matches.</summary>
    public string? Where { get; }

    /// <summary>Creates a matcher; throws <see cref="ArgumentException"/> listing the diagnostics when the filter does not compile.</summary>
    /// <param name="eventType">The event type.</param>
    /// <param name="where">An optional filter over the event's fields.</param>
    /// <param name="options">Schema (custom event properties) and business time zone; the defaults when null.</param>
    public static EventMatcher Create(string eventType, string? where = null, CompilationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        if (where is null) return new EventMatcher(eventType, null, null);
        ArgumentException.ThrowIfNullOrWhiteSpace(where);
        var text = $"exists({eventType} where {where})";
        if (!TagExpression.TryCompile(text, out var compiled, out var diagnostics, options))
            throw new ArgumentException($"The filter '{where}' for '{eventType}' does not compile: {string.Join("; ", diagnostics.Select(d => d.ToString()))}", nameof(where));
        return new EventMatcher(eventType, where, compiled);
    }

    /// <summary>A matcher over a filter the catalog compiler already compiled as <c>exists(type where filter)</c>.</summary>
    internal static EventMatcher FromCompiled(string eventType, string? where, CompiledExpression? filter) => new(eventType, where, filter);

    /// <summary>True when <paramref name="e"/> has the type and passes the filter.</summary>
    /// <param name="e">The event.</param>
    /// <param name="customer">The customer, for filters that read <c>customer.*</c>; an anonymous one when null.</param>
    public bool Matches(CustomerEvent e, Customer? customer = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!string.Equals(e.Type, EventType, StringComparison.Ordinal)) return false;
        return _filter is null || _filter.IsTrue(customer ?? Anonymous, [e], e.At);
    }

    /// <inheritdoc />
    public override string ToString() => Where is null ? EventType : $"{EventType} where {Where}";
}
