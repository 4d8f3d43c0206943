namespace RetailTagging.Identity;

/// <summary>
/// Attribute names with a meaning to identity resolution and to the golden record. Any other
/// attribute is carried through to <see cref="Customer.Attributes"/>.
/// </summary>
public static class AttributeNames
{
    /// <summary>Full name; compared after Unicode (NFKC) folding, with spaces, dots and honorifics removed.</summary>
    public const string Name = "name";
    /// <summary>Gender (<c>F</c>/<c>M</c>; 女/男, female/male are understood).</summary>
    public const string Gender = "gender";
    /// <summary>Birth date, ISO <c>yyyy-MM-dd</c> (also <c>yyyy/MM/dd</c>, <c>yyyyMMdd</c>).</summary>
    public const string BirthDate = "birth_date";
    /// <summary>City.</summary>
    public const string City = "city";
    /// <summary>Membership level.</summary>
    public const string MemberLevel = "member_level";
    /// <summary>Registration instant (ISO 8601); the golden record keeps the earliest by default.</summary>
    public const string RegisteredAt = "registered_at";
}
