namespace RetailTagging.Lifecycle;

/// <summary>At most <see cref="MaxTouches"/> marketing deliveries per customer in any rolling <see cref="Window"/>.</summary>
/// <param name="MaxTouches">The limit (at least 1).</param>
/// <param name="Window">The rolling window, e.g. 7 days.</param>
public sealed record FrequencyCap(int MaxTouches, TimeSpan Window);
