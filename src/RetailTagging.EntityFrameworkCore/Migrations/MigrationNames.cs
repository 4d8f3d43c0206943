namespace RetailTagging.EntityFrameworkCore.Migrations;

/// <summary>
/// The configured schema and table prefix as the shipped migrations see them: the generated code names
/// tables, keys and indexes through this, so one migration set serves every schema and prefix.
/// </summary>
public sealed class MigrationNames
{
    internal MigrationNames(RetailTaggingModelOptions options)
    {
        Schema = options.Schema;
        Prefix = options.TablePrefix;
    }

    /// <summary>The schema, or <see langword="null"/> for the provider's default.</summary>
    public string? Schema { get; }

    /// <summary>The table prefix.</summary>
    public string Prefix { get; }

    /// <summary>A prefixed database object name: <paramref name="kind"/> (e.g. <c>PK_</c>, <c>IX_</c>, or empty for a table) + prefix + <paramref name="name"/>.</summary>
    public string Name(string kind, string name) => kind + Prefix + name;
}
