using System.Security.Cryptography;
using System.Text;

namespace RetailTagging.EntityFrameworkCore.Privacy;

/// <summary>
/// Encrypts personal data with AES-256-GCM (a fresh nonce per value, so equal values give different
/// ciphertexts) and computes keyed HMAC-SHA256 hashes of normalised values for equality lookups.
/// Layout: key-id length (1 byte), key id, nonce (12), tag (16), ciphertext.
/// </summary>
public sealed class PersonalDataProtector(IEncryptionKeyProvider keys)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly IEncryptionKeyProvider _keys = keys ?? throw new ArgumentNullException(nameof(keys));

    /// <summary>Encrypts <paramref name="plaintext"/>; <see langword="null"/> stays <see langword="null"/>.</summary>
    public byte[]? Protect(string? plaintext)
    {
        if (plaintext is null) return null;
        var keyId = Encoding.UTF8.GetBytes(_keys.CurrentKeyId);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[1 + keyId.Length + NonceSize + TagSize + data.Length];
        output[0] = (byte)keyId.Length;
        keyId.CopyTo(output, 1);
        var offset = 1 + keyId.Length;
        var nonce = output.AsSpan(offset, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys.GetEncryptionKey(_keys.CurrentKeyId), TagSize);
        aes.Encrypt(nonce, data, output.AsSpan(offset + NonceSize + TagSize), output.AsSpan(offset + NonceSize, TagSize), keyId);
        return output;
    }

    /// <summary>Decrypts a value from <see cref="Protect"/>; throws <see cref="CryptographicException"/> when it was tampered with or the key is wrong.</summary>
    public string? Unprotect(byte[]? cipher)
    {
        if (cipher is null) return null;
        if (cipher.Length < 1 || cipher.Length < 1 + cipher[0] + NonceSize + TagSize)
            throw new CryptographicException("The protected value is truncated.");
        var keyId = cipher.AsSpan(1, cipher[0]);
        var offset = 1 + keyId.Length;
        var body = cipher.AsSpan(offset + NonceSize + TagSize);
        var plain = new byte[body.Length];
        using var aes = new AesGcm(_keys.GetEncryptionKey(Encoding.UTF8.GetString(keyId)), TagSize);
        aes.Decrypt(cipher.AsSpan(offset, NonceSize), body, cipher.AsSpan(offset + NonceSize, TagSize), plain, keyId);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>The keyed lookup hash of an already normalised value (E.164 phone, lower-cased email); <see langword="null"/> stays <see langword="null"/>.</summary>
    public byte[]? Hash(string? normalizedValue) =>
        normalizedValue is null ? null : HMACSHA256.HashData(_keys.HashKey, Encoding.UTF8.GetBytes(normalizedValue));
}
