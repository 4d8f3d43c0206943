using System.Globalization;

namespace RetailTagging.Identity;

/// <summary>A parsed field reference such as <c>phone</c>, <c>name:1</c> (first character) or <c>phone:-4</c> (last four).</summary>
internal sealed record FieldSpec(string Name, bool IsIdentifier, int Take)
{
    public static FieldSpec Parse(string text, Func<string, bool> isIdentifierType, string where)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException($"{where}: a field name is empty.");
        }
        var parts = text.Trim().ToLowerInvariant().Split(':');
        var take = 0;
        if (parts.Length > 2 || (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out take) || take == 0)))
        {
            throw new ArgumentException($"{where}: '{text}' is not a field; write 'name', 'name:2' (first 2 characters) or 'phone:-4' (last 4).");
        }
        if (parts[0].Length == 0)
        {
            throw new ArgumentException($"{where}: '{text}' has no field name.");
        }
        return new FieldSpec(parts[0], isIdentifierType(parts[0]), take);
    }

    /// <summary>Applies the prefix/suffix; null when the value is too short to have one.</summary>
    public string? Cut(string value) => Take switch
    {
        0 => value,
        > 0 => value.Length >= Take ? value[..Take] : null,
        _ => value.Length >= -Take ? value[^(-Take)..] : null,
    };

    public override string ToString() => Take == 0 ? Name : $"{Name}:{Take}";
}
