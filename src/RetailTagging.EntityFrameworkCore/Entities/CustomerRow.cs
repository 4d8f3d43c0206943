namespace RetailTagging.EntityFrameworkCore.Entities;

/// <summary>A customer (golden record). Name, phone and email are stored encrypted; their keyed hashes allow lookups.</summary>
public sealed class CustomerRow
{
    /// <summary>The customer id (primary key; also the keyset order of batch runs).</summary>
    public string Id { get; set; } = "";
    /// <summary>The name, encrypted (AES-GCM, key from the host's key provider).</summary>
    public byte[]? NameCipher { get; set; }
    /// <summary>The E.164 phone number, encrypted.</summary>
    public byte[]? PhoneCipher { get; set; }
    /// <summary>Keyed hash (HMAC-SHA256) of the normalised phone number, for equality lookups.</summary>
    public byte[]? PhoneHash { get; set; }
    /// <summary>The email address, encrypted.</summary>
    public byte[]? EmailCipher { get; set; }
    /// <summary>Keyed hash of the normalised email address.</summary>
    public byte[]? EmailHash { get; set; }
    /// <summary>Gender as the source gave it.</summary>
    public string? Gender { get; set; }
    /// <summary>Date of birth.</summary>
    public DateOnly? BirthDate { get; set; }
    /// <summary>City.</summary>
    public string? City { get; set; }
    /// <summary>Registration instant (UTC).</summary>
    public DateTime? RegisteredAtUtc { get; set; }
    /// <summary>Membership level.</summary>
    public string? MemberLevel { get; set; }
    /// <summary>Custom attributes as a JSON object.</summary>
    public string? AttributesJson { get; set; }
    /// <summary>When the row was last written (UTC).</summary>
    public DateTime UpdatedAtUtc { get; set; }
    /// <summary>Optimistic-concurrency token, incremented on every update.</summary>
    public long Version { get; set; }
}
