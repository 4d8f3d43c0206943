using System.Text.RegularExpressions;

namespace RetailTagging.EntityFrameworkCore.Erasure;

/// <summary>
/// Everything that identifies one customer in text: the id, the decrypted name, phone, email and source identifier
/// values, and the textual forms (hex, Base64) of their lookup hashes. Used to find and scrub free-text columns.
/// A value matches only as a whole token (not inside a longer run of letters and digits), so erasing C1 leaves C10 alone.
/// </summary>
internal sealed class PersonalTraces
{
    /// <summary>What a personal value is replaced with in rewritten text.</summary>
    public const string ErasedMarker = "[erased]";

    private readonly List<string> _values = [];
    private Regex? _pattern;

    public PersonalTraces(string customerId, string pseudonym)
    {
        CustomerId = customerId;
        Pseudonym = pseudonym;
    }

    /// <summary>The erased customer's id.</summary>
    public string CustomerId { get; }

    /// <summary>The keyed-hash reference that replaces the id where a link must survive (audit, merge history).</summary>
    public string Pseudonym { get; }

    /// <summary>The id and every personal value: what a text column must not contain afterwards.</summary>
    public IReadOnlyList<string> All => [CustomerId, .. _values];

    public void AddText(string? value)
    {
        // A single character (an initial) would scrub unrelated text and identifies no one alone; two can be a whole name (张伟).
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Length < 2) return;
        Add(value.Trim());
    }

    public void AddHash(byte[]? hash)
    {
        if (hash is not { Length: > 0 }) return;
        Add(Convert.ToHexStringLower(hash));
        Add(Convert.ToHexString(hash));
        Add(Convert.ToBase64String(hash));
    }

    /// <summary>The text with the id replaced by the pseudonym and every other personal value by <see cref="ErasedMarker"/>; null stays null.</summary>
    public string? Scrub(string? text) =>
        string.IsNullOrEmpty(text) ? text : Pattern.Replace(text, m => m.Value == CustomerId ? Pseudonym : ErasedMarker);

    /// <summary>Whether the text holds the id or a personal value as a token.</summary>
    public bool Contains(string? text) => !string.IsNullOrEmpty(text) && Pattern.IsMatch(text);

    // Longest first, so a phone number is replaced whole before any shorter value inside it.
    private Regex Pattern => _pattern ??= new Regex(
        @"(?<![\p{L}\p{N}])(?:" + string.Join("|", All.OrderByDescending(v => v.Length).Select(Regex.Escape)) + @")(?![\p{L}\p{N}])",
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));

    private void Add(string value)
    {
        if (value == CustomerId || _values.Contains(value, StringComparer.Ordinal)) return;
        _values.Add(value);
        _pattern = null;
    }
}
