namespace RetailTagging.Catalog;

/// <summary>The layer a tag belongs to: observed, derived or forecast.</summary>
public enum TagKind
{
    /// <summary>Observed facts: age band, spend last 365 days.</summary>
    Fact,
    /// <summary>Derived by a model or rule: value tier, RFM segment.</summary>
    Model,
    /// <summary>Forecasts: churn risk, purchase intent.</summary>
    Predictive,
}
