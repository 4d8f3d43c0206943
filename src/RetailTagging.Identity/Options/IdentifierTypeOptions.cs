using System.Text.Json.Serialization;

namespace RetailTagging.Identity;

/// <summary>A host-defined identifier type.</summary>
public sealed class IdentifierTypeOptions
{
    /// <summary>Keep letter case when comparing.</summary>
    public bool CaseSensitive { get; set; }

    /// <summary>Remove spaces, dashes, dots and underscores inside values.</summary>
    public bool RemoveSeparators { get; set; }

    /// <summary>A normaliser of the host's own; overrides the two flags above. Not read from JSON.</summary>
    [JsonIgnore]
    public IIdentifierNormalizer? Normalizer { get; set; }
}
