namespace RetailTagging.EntityFrameworkCore.Privacy;

/// <summary>
/// Supplies the keys for personal data at rest. The host keeps them outside the database (a key vault,
/// a KMS, a protected file); rotating means adding a new current key while old ones stay readable.
/// </summary>
public interface IEncryptionKeyProvider
{
    /// <summary>The id of the key new values are encrypted with (at most 255 UTF-8 bytes).</summary>
    string CurrentKeyId { get; }

    /// <summary>The 256-bit AES key with this id; throws <see cref="KeyNotFoundException"/> for an unknown id.</summary>
    ReadOnlySpan<byte> GetEncryptionKey(string keyId);

    /// <summary>The key of the lookup hashes (HMAC-SHA256). Changing it invalidates every stored hash.</summary>
    ReadOnlySpan<byte> HashKey { get; }
}
