using RetailTagging.Rfm.Calculation;

namespace RetailTagging.Rfm.Profiles;

/// <summary>
/// The entry point a host or the tagging engine calls per customer: profile (and named values) as of now or a
/// given instant, with the store's current models. "Now" comes from the registered <see cref="TimeProvider"/>.
/// Thread-safe.
/// </summary>
public sealed class RfmProfileService
{
    private readonly RfmCalculator _calculator;
    private readonly RfmModelStore _store;
    private readonly TimeProvider _time;
    private (RfmModelSet Models, RfmProfiler Profiler)? _cached;

    /// <summary>Creates the service.</summary>
    public RfmProfileService(RfmCalculator calculator, RfmModelStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        (_calculator, _store, _time) = (calculator, store, time);
    }

    /// <summary>The customer's profile as of <paramref name="asOf"/> (default: now).</summary>
    public RfmProfile Profile(string customerId, IEnumerable<CustomerEvent> history, DateTimeOffset? asOf = null) =>
        Profiler().Profile(customerId, history, asOf ?? _time.GetUtcNow());

    /// <summary>The profile's named values (<see cref="RfmValueNames"/>), for <c>score("p_alive")</c> and <c>rfm.*</c>.</summary>
    public IReadOnlyDictionary<string, object?> Values(string customerId, IEnumerable<CustomerEvent> history, DateTimeOffset? asOf = null) =>
        Profile(customerId, history, asOf).ToValues();

    private RfmProfiler Profiler()
    {
        var models = _store.Current;
        if (_cached is { } cached && ReferenceEquals(cached.Models, models))
            return cached.Profiler;
        var profiler = new RfmProfiler(_calculator, models);
        _cached = (models, profiler);
        return profiler;
    }
}
