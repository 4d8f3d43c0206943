using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>
/// The quoted table and column names of one entity in one model, for the bulk paths' raw SQL; read from
/// the model, so they follow the configured schema and prefix (and a host context's own overrides).
/// </summary>
internal sealed class TableMap
{
    private static readonly ConcurrentDictionary<(IModel, Type), TableMap> Cache = new();
    private readonly Dictionary<string, string> _columns;

    private TableMap(IEntityType entity)
    {
        var name = entity.GetTableName() ?? throw new InvalidOperationException($"{entity.DisplayName()} is not mapped to a table.");
        var schema = entity.GetSchema();
        var store = StoreObjectIdentifier.Table(name, schema);
        Table = schema is null ? Quote(name) : $"{Quote(schema)}.{Quote(name)}";
        _columns = entity.GetProperties().ToDictionary(p => p.Name, p => Quote(p.GetColumnName(store)!), StringComparer.Ordinal);
    }

    /// <summary>The schema-qualified, quoted table name.</summary>
    public string Table { get; }

    /// <summary>The quoted column of <paramref name="property"/> (the CLR property name).</summary>
    public string this[string property] => _columns[property];

    public static TableMap For<TEntity>(DbContext context) where TEntity : class =>
        Cache.GetOrAdd((context.Model, typeof(TEntity)), key =>
            new TableMap(key.Item1.FindEntityType(key.Item2)
                ?? throw new InvalidOperationException($"The context's model has no {key.Item2.Name}; call modelBuilder.ApplyRetailTaggingModel() in OnModelCreating.")));

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
