namespace RetailTagging.EntityFrameworkCore.Privacy;

/// <summary>Masks personal data for display: <c>138****5678</c>, <c>z***@example.com</c>, <c>张*</c>.</summary>
public static class Masking
{
    /// <summary>Keeps the first three and last four digits of a phone number (fewer for short numbers); a leading +86 is dropped.</summary>
    public static string? Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone)) return phone;
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (phone.TrimStart().StartsWith("+86", StringComparison.Ordinal) && digits.Length == 13) digits = digits[2..];
        if (digits.Length <= 4) return new string('*', digits.Length);
        var keepEnd = digits.Length >= 11 ? 4 : 2;
        var keepStart = digits.Length >= 11 ? 3 : 1;
        return digits[..keepStart] + new string('*', digits.Length - keepStart - keepEnd) + digits[^keepEnd..];
    }

    /// <summary>Keeps the first character of the local part and the whole domain.</summary>
    public static string? Email(string? email)
    {
        if (string.IsNullOrEmpty(email)) return email;
        var at = email.LastIndexOf('@');
        if (at <= 0) return new string('*', email.Length);
        return email[0] + "***" + email[at..];
    }

    /// <summary>Keeps the first character (the family name of a Chinese name, the initial of a Latin one).</summary>
    public static string? Name(string? name)
    {
        if (string.IsNullOrEmpty(name)) return name;
        var trimmed = name.Trim();
        var first = char.IsSurrogate(trimmed[0]) && trimmed.Length > 1 ? trimmed[..2] : trimmed[..1];
        return first + new string('*', Math.Max(1, new System.Globalization.StringInfo(trimmed).LengthInTextElements - 1));
    }
}
