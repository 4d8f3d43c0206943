namespace RetailTagging.Lifecycle;

/// <summary>Consent per customer and channel. Checked when a firing is decided and again before every delivery attempt.</summary>
public interface IConsentStore
{
    /// <summary>True when the customer has opted out of (or never consented to) <paramref name="channel"/>.</summary>
    bool IsOptedOut(string customerId, TriggerChannel channel);
}
