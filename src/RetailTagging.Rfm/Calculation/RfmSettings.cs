using System.Collections.Frozen;

namespace RetailTagging.Rfm.Calculation;

/// <summary>A frozen snapshot of the options the per-event loop reads: frozen sets look up faster than the options' sets.</summary>
internal sealed class RfmSettings(RfmOptions options)
{
    public FrozenSet<string> PurchaseTypes { get; } = options.PurchaseTypes.ToFrozenSet(StringComparer.Ordinal);

    public FrozenSet<string> RefundTypes { get; } = options.RefundTypes.ToFrozenSet(StringComparer.Ordinal);

    public FrozenSet<string> OnlineChannels { get; } = options.OnlineChannels.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public FrequencyBasis Frequency { get; } = options.Frequency;

    public MonetaryBasis Monetary { get; } = options.Monetary;
}
