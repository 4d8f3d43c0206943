using System.Security.Cryptography;
using System.Text.Json;
using RetailTagging.EntityFrameworkCore.Privacy;

namespace RetailTagging.Cli.Commands;

/// <summary>
/// The key file of <c>run --db/--postgres</c>: <c>{"keyId":"k1","encryptionKey":"&lt;Base64, 32 bytes&gt;","hashKey":"&lt;Base64, 32 bytes&gt;"}</c>.
/// Created with fresh random keys (readable by the owner only) when missing; without it the stored personal data cannot be read.
/// </summary>
internal static class DatabaseKeyFile
{
    private sealed record Keys(string KeyId, string EncryptionKey, string HashKey);

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    /// <exception cref="ArgumentException">The file exists but is not a valid key file.</exception>
    public static IEncryptionKeyProvider LoadOrCreate(string path, TextWriter error)
    {
        if (!File.Exists(path))
        {
            var created = new Keys("k1", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(path, options))
                JsonSerializer.Serialize(stream, created, Json);
            error.WriteLine($"retail-tags run: created the key file {path}: keep it (and back it up); without it the names, phones and e-mails in the database cannot be read");
        }
        try
        {
            var keys = JsonSerializer.Deserialize<Keys>(File.ReadAllText(path), Json) ?? throw new JsonException("empty");
            return StaticKeyProvider.FromBase64(keys.EncryptionKey, keys.HashKey, keys.KeyId);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or NullReferenceException)
        {
            throw new ArgumentException($"--key-file {path}: not a key file ({ex.Message}); expected {{\"keyId\":\"k1\",\"encryptionKey\":\"<Base64 32 bytes>\",\"hashKey\":\"<Base64 32 bytes>\"}}.");
        }
    }
}
