using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RetailTagging.Language;

namespace RetailTagging.EntityFrameworkCore;

/// <summary>Settings of the EF Core stores.</summary>
public sealed class EntityFrameworkStoreOptions
{
    private int _eventChunkSize = 10_000;
    private int _maxConflictRetries = 10;

    /// <summary>The schema events are validated against (custom event types and properties); <see cref="TagSchema.Default"/> when null. DI fills it from the registered catalog.</summary>
    public TagSchema? EventSchema { get; set; }

    /// <summary>The region phone numbers without a country code are read in before hashing (ISO 3166, default <c>CN</c>).</summary>
    public string PhoneRegion { get; set; } = "CN";

    /// <summary>Events written per transaction by the bulk append (default 10,000).</summary>
    public int EventChunkSize
    {
        get => _eventChunkSize;
        set => _eventChunkSize = value is >= 1 and <= 1_000_000 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Between 1 and 1,000,000.");
    }

    /// <summary>How often a write that lost an optimistic-concurrency race is retried before the exception reaches the caller (default 10).</summary>
    public int MaxConflictRetries
    {
        get => _maxConflictRetries;
        set => _maxConflictRetries = value is >= 1 and <= 100 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Between 1 and 100.");
    }

    /// <summary>The clock for stored-at and audit instants.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the stores log conflicts and retries.</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>Who audit entries name when a caller gives nobody (default <c>system</c>).</summary>
    public string DefaultActor { get; set; } = "system";
}
