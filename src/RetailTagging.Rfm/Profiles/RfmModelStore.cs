using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RetailTagging.Rfm.Profiles;

/// <summary>
/// Holds the current <see cref="RfmModelSet"/> of a host. A refit (e.g. nightly) swaps a new set in atomically;
/// profiles computed meanwhile use either the old or the new set, never a mix. Thread-safe.
/// </summary>
public sealed class RfmModelStore
{
    private readonly ILogger<RfmModelStore> _logger;
    private RfmModelSet _current;

    /// <summary>Creates a store holding <paramref name="initial"/> (default: no scorer, no models).</summary>
    public RfmModelStore(RfmModelSet? initial = null, ILogger<RfmModelStore>? logger = null)
    {
        _current = initial ?? RfmModelSet.Empty;
        _logger = logger ?? NullLogger<RfmModelStore>.Instance;
    }

    /// <summary>The current set.</summary>
    public RfmModelSet Current => Volatile.Read(ref _current);

    /// <summary>Replaces the current set.</summary>
    public void Update(RfmModelSet models)
    {
        ArgumentNullException.ThrowIfNull(models);
        models.BgNbd?.Validate();
        models.GammaGamma?.Validate();
        Volatile.Write(ref _current, models);
        _logger.LogInformation("RFM models updated: scorer {Scorer}, BG/NBD {BgNbd}, Gamma-Gamma {GammaGamma}",
            models.Scorer?.GetType().Name ?? "none", models.BgNbd?.ToString() ?? "none", models.GammaGamma?.ToString() ?? "none");
    }
}
