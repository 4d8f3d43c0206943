namespace RetailTagging.EntityFrameworkCore;

/// <summary>Where the RetailTagging tables live: an optional schema and a table-name prefix.</summary>
public sealed class RetailTaggingModelOptions
{
    private string _tablePrefix = "rt_";

    /// <summary>The schema (PostgreSQL); <see langword="null"/> for the provider's default. SQLite has no schemas and ignores it.</summary>
    public string? Schema { get; set; }

    /// <summary>Prepended to every table, index and key name; <c>rt_</c> by default, may be empty, at most 16 characters.</summary>
    public string TablePrefix
    {
        get => _tablePrefix;
        set => _tablePrefix = value ?? throw new ArgumentNullException(nameof(value));
    }

    internal RetailTaggingModelOptions Copy() => new() { Schema = Schema, TablePrefix = TablePrefix };

    internal RetailTaggingModelOptions ForProvider(bool supportsSchemas) =>
        supportsSchemas ? Copy() : new() { Schema = null, TablePrefix = TablePrefix };

    internal void Validate()
    {
        if (Schema is { } schema && !IsIdentifier(schema))
            throw new ArgumentException($"The schema '{schema}' must be letters, digits and underscores, starting with a letter or underscore.", nameof(Schema));
        if (TablePrefix.Length > 0 && !(IsIdentifier(TablePrefix) && TablePrefix.Length <= MaxPrefixLength))
            throw new ArgumentException($"The table prefix '{TablePrefix}' must be at most {MaxPrefixLength} letters, digits and underscores, starting with a letter or underscore.", nameof(TablePrefix));
    }

    // Index names are "IX_" + prefix + table + columns and PostgreSQL keeps 63 characters: the longest is 45 without the prefix.
    private const int MaxPrefixLength = 16;

    // Names end up in raw SQL of the bulk paths, so only plain identifiers are accepted.
    private static bool IsIdentifier(string text) =>
        text.Length is > 0 and <= 63 && (char.IsAsciiLetter(text[0]) || text[0] == '_') && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
