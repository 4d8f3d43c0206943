using System.Collections.Frozen;

namespace RetailTagging.EntityFrameworkCore.Privacy;

/// <summary>Keys given directly (from configuration or a secret store read at start-up).</summary>
public sealed class StaticKeyProvider : IEncryptionKeyProvider
{
    private readonly FrozenDictionary<string, byte[]> _keys;
    private readonly byte[] _hashKey;

    /// <summary>Creates a provider with one current key and any number of older, still readable keys.</summary>
    /// <param name="currentKeyId">Id of the key used for new values.</param>
    /// <param name="keys">Every key by id, 32 bytes each; must include <paramref name="currentKeyId"/>.</param>
    /// <param name="hashKey">The lookup-hash key, at least 32 bytes.</param>
    public StaticKeyProvider(string currentKeyId, IReadOnlyDictionary<string, byte[]> keys, byte[] hashKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(currentKeyId);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(hashKey);
        if (System.Text.Encoding.UTF8.GetByteCount(currentKeyId) > 255) throw new ArgumentException("A key id is at most 255 UTF-8 bytes.", nameof(currentKeyId));
        if (!keys.ContainsKey(currentKeyId)) throw new ArgumentException($"The keys do not include the current key '{currentKeyId}'.", nameof(keys));
        foreach (var (id, key) in keys)
            if (key is not { Length: 32 }) throw new ArgumentException($"Key '{id}' must be 32 bytes (AES-256).", nameof(keys));
        if (hashKey.Length < 32) throw new ArgumentException("The hash key must be at least 32 bytes.", nameof(hashKey));
        CurrentKeyId = currentKeyId;
        _keys = keys.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _hashKey = hashKey.ToArray();
    }

    /// <summary>A provider with a single key, both given as Base64 (32 bytes each once decoded).</summary>
    public static StaticKeyProvider FromBase64(string encryptionKey, string hashKey, string keyId = "k1") =>
        new(keyId, new Dictionary<string, byte[]> { [keyId] = Convert.FromBase64String(encryptionKey) }, Convert.FromBase64String(hashKey));

    /// <inheritdoc />
    public string CurrentKeyId { get; }

    /// <inheritdoc />
    public ReadOnlySpan<byte> GetEncryptionKey(string keyId) =>
        _keys.TryGetValue(keyId, out var key) ? key : throw new KeyNotFoundException($"No encryption key with id '{keyId}'.");

    /// <inheritdoc />
    public ReadOnlySpan<byte> HashKey => _hashKey;
}
