namespace RetailTagging.Identity;

/// <summary>
/// A value that must never link records: placeholders such as <c>13800000000</c> or
/// <c>test@test.com</c>. Either an exact <see cref="Value"/> (normalised like the identifier it
/// blocks) or a regular-expression <see cref="Pattern"/> matched against the normalised value.
/// </summary>
public sealed class BlockedValue
{
    /// <summary>The identifier type it applies to; <see langword="null"/> for every type.</summary>
    public string? Type { get; set; }

    /// <summary>An exact value.</summary>
    public string? Value { get; set; }

    /// <summary>A .NET regular expression, matched against the whole normalised value.</summary>
    public string? Pattern { get; set; }

    /// <summary>The defaults used when <see cref="IdentityResolutionOptions.UseDefaultBlockedValues"/> is on.</summary>
    public static IReadOnlyList<BlockedValue> Defaults { get; } =
    [
        new() { Type = IdentifierTypes.Phone, Value = "13800000000" },
        new() { Type = IdentifierTypes.Phone, Value = "13800138000" },
        new() { Type = IdentifierTypes.Phone, Value = "12345678901" },
        new() { Type = IdentifierTypes.Phone, Value = "00000000000" },
        new() { Type = IdentifierTypes.Phone, Value = "13888888888" },
        // 138 8888 8888, 139 0000 0000...: a real prefix followed by eight identical digits.
        new() { Type = IdentifierTypes.Phone, Pattern = @"\+861[3-9]\d(?:0{8}|1{8}|2{8}|3{8}|4{8}|5{8}|6{8}|7{8}|8{8}|9{8})" },
        // 13333333333, 18888888888...: one digit repeated after the leading 1.
        new() { Type = IdentifierTypes.Phone, Pattern = @"\+861(?:3{10}|4{10}|5{10}|6{10}|7{10}|8{10}|9{10})" },
        new() { Type = IdentifierTypes.Email, Value = "test@test.com" },
        new() { Type = IdentifierTypes.Email, Value = "a@a.com" },
        new() { Type = IdentifierTypes.Email, Pattern = @"[^@]+@(example\.(com|org|net)|test\.com|test\.cn)" },
        new() { Type = IdentifierTypes.Email, Pattern = @"(test|none|null|no-?reply|noemail|nomail|unknown|admin)@.+" },
        new() { Pattern = @"(?i)(0+|null|none|nil|n/?a|unknown|undefined|test|-+|x+)" },
    ];
}
