using System.Collections.Concurrent;

namespace RetailTagging.Lifecycle;

/// <summary>Opt-outs held in memory, one bit per channel. Every channel is open until opted out. Thread-safe.</summary>
public sealed class InMemoryConsentStore : IConsentStore
{
    private readonly ConcurrentDictionary<string, int> _optedOut = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public bool IsOptedOut(string customerId, TriggerChannel channel) =>
        _optedOut.TryGetValue(customerId, out var bits) && (bits & Bit(channel)) != 0;

    /// <summary>Records that the customer opted out of <paramref name="channel"/>.</summary>
    public void OptOut(string customerId, TriggerChannel channel)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        _optedOut.AddOrUpdate(customerId, Bit(channel), (_, bits) => bits | Bit(channel));
    }

    /// <summary>Records that the customer opted (back) in to <paramref name="channel"/>.</summary>
    public void OptIn(string customerId, TriggerChannel channel)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        _optedOut.AddOrUpdate(customerId, 0, (_, bits) => bits & ~Bit(channel));
    }

    private static int Bit(TriggerChannel channel) => 1 << (int)channel;
}
