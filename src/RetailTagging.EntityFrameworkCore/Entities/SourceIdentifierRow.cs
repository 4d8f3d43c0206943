namespace RetailTagging.EntityFrameworkCore.Entities;

/// <summary>An identifier of a source record (phone, email, member id, openid, ...).</summary>
public sealed class SourceIdentifierRow
{
    /// <summary>The source record id.</summary>
    public string RecordId { get; set; } = "";
    /// <summary>The identifier's position in its record (keeps the record's order).</summary>
    public int Position { get; set; }
    /// <summary>The identifier type.</summary>
    public string Type { get; set; } = "";
    /// <summary>Keyed hash of the value, for lookups.</summary>
    public byte[] ValueHash { get; set; } = [];
    /// <summary>The value, encrypted.</summary>
    public byte[] ValueCipher { get; set; } = [];
}
