using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace RetailTagging.EntityFrameworkCore.Tests.Erasure;

/// <summary>
/// Searches every column of type string or byte[] of every table the EF model maps, with plain SQL (so no mapping
/// can hide a value), for any of the given texts (ordinal substring, and as UTF-8 bytes inside binary columns) and
/// byte sequences. Driven by the model metadata: a table added to the model later is searched too.
/// </summary>
internal static class DatabaseSearch
{
    /// <summary>One place a needle was found.</summary>
    public sealed record Hit(string Table, string Column, string Needle, string Excerpt);

    /// <summary>The string and byte columns of every mapped table, as (table, column) pairs.</summary>
    public static IReadOnlyList<(string Table, string? Schema, string Column, bool IsBinary)> SearchableColumns(DbContext context)
    {
        var columns = new List<(string, string?, string, bool)>();
        foreach (var entityType in context.Model.GetEntityTypes())
        {
            if (entityType.GetTableName() is not { } table) continue;
            var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
            foreach (var property in entityType.GetProperties())
            {
                var type = property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType;
                var binary = type == typeof(byte[]);
                if (type != typeof(string) && !binary) continue;
                if (property.GetColumnName(store) is { } column) columns.Add((table, entityType.GetSchema(), column, binary));
            }
        }
        return columns.Distinct().ToList();
    }

    /// <summary>Every occurrence of a needle in the database.</summary>
    public static async Task<IReadOnlyList<Hit>> FindAsync(DbContext context, IEnumerable<string> texts, IEnumerable<byte[]> bytes)
    {
        var textNeedles = texts.Where(t => !string.IsNullOrEmpty(t)).Distinct().ToList();
        var byteNeedles = bytes.Where(b => b is { Length: > 0 }).Concat(textNeedles.Select(Encoding.UTF8.GetBytes)).ToList();
        var sql = context.GetService<ISqlGenerationHelper>();
        var connection = context.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync();
        var hits = new List<Hit>();
        try
        {
            foreach (var (table, schema, column, binary) in SearchableColumns(context))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {sql.DelimitIdentifier(column)} FROM {sql.DelimitIdentifier(table, schema)}";
                await using DbDataReader reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    if (reader.IsDBNull(0)) continue;
                    if (binary)
                    {
                        var value = (byte[])reader.GetValue(0);
                        foreach (var needle in byteNeedles)
                            if (value.AsSpan().IndexOf(needle) >= 0) hits.Add(new Hit(table, column, Convert.ToHexString(needle), Convert.ToHexString(value)));
                    }
                    else
                    {
                        var value = reader.GetString(0);
                        foreach (var needle in textNeedles)
                            if (value.Contains(needle, StringComparison.Ordinal)) hits.Add(new Hit(table, column, needle, value));
                        foreach (var needle in byteNeedles)
                            foreach (var form in new[] { Convert.ToHexString(needle), Convert.ToHexStringLower(needle), Convert.ToBase64String(needle) })
                                if (value.Contains(form, StringComparison.Ordinal)) hits.Add(new Hit(table, column, form, value));
                    }
                }
            }
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
        return hits;
    }

    /// <summary>Rows per mapped table, by table name.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(DbContext context)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var connection = context.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync();
        try
        {
            foreach (var entityType in context.Model.GetEntityTypes())
            {
                if (entityType.GetTableName() is not { } table || counts.ContainsKey(table)) continue;
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM {sql.DelimitIdentifier(table, entityType.GetSchema())}";
                counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync());
            }
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
        return counts;
    }
}
