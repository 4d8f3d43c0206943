namespace RetailTagging.Identity;

/// <summary>Turns a raw identifier value into its canonical form, or rejects it with a reason.</summary>
public interface IIdentifierNormalizer
{
    /// <summary>Normalises one raw value. Must be thread-safe and must not throw for bad input.</summary>
    NormalizedValue Normalize(string raw);
}
