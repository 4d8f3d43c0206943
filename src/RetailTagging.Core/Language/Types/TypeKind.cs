namespace RetailTagging.Language;

/// <summary>The kinds of value the tag language has.</summary>
public enum TypeKind
{
    /// <summary>The type of the literal <c>null</c>; converts to every type.</summary>
    Null,
    /// <summary>true / false.</summary>
    Bool,
    /// <summary>A decimal number (money-safe: 0.1 + 0.2 == 0.3).</summary>
    Number,
    /// <summary>A string, compared ordinally.</summary>
    String,
    /// <summary>A point in time.</summary>
    Instant,
    /// <summary>A calendar date (no time of day).</summary>
    Date,
    /// <summary>A length of time, e.g. <c>90d</c>.</summary>
    Duration,
    /// <summary>A list of scalars of one type.</summary>
    List,
}
