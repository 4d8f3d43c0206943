using System.Data.Common;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace RetailTagging.Cli.Demo;

/// <summary>
/// Appends rows of one entity of the RetailTagging EF Core model with prepared multi-row INSERTs: the table, the
/// column names, the value converters and the provider's parameter types all come from the model, so the rows are
/// exactly what EF Core would write, at bulk speed (inside the caller's transaction; call <see cref="Flush"/> before
/// committing). Database-generated keys are left to the database.
/// </summary>
internal sealed class ModelTableWriter<TRow> : IDisposable
    where TRow : class
{
    /// <summary>Rows per statement: amortises the per-statement cost, far below SQLite's parameter limit.</summary>
    private const int BatchSize = 64;

    private readonly Column[] _columns;
    private readonly DbCommand _batch, _single;
    private readonly TRow[] _buffer = new TRow[BatchSize];
    private int _buffered;

    public ModelTableWriter(DbContext context, DbConnection connection)
    {
        var entity = context.Model.FindEntityType(typeof(TRow))
            ?? throw new InvalidOperationException($"{typeof(TRow).Name} is not in the model: the context must apply the RetailTagging model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = context.GetService<ISqlGenerationHelper>();
        _columns = [.. entity.GetProperties()
            .Where(p => !(p.ValueGenerated == ValueGenerated.OnAdd && p.IsPrimaryKey()))
            .Select(p => new Column(sql.DelimitIdentifier(p.GetColumnName(table)!), Getter(p), p.GetRelationalTypeMapping(), p.IsNullable))];
        var insert = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", _columns.Select(c => c.Name))}) VALUES ";
        _batch = Command(connection, insert, BatchSize);
        _single = Command(connection, insert, 1);
    }

    public long Rows { get; private set; }

    /// <summary>Joins the next inserts to <paramref name="transaction"/> (one per chunk).</summary>
    public void Use(DbTransaction transaction) => _batch.Transaction = _single.Transaction = transaction;

    public void Insert(TRow row)
    {
        _buffer[_buffered++] = row;
        if (_buffered == BatchSize)
        {
            for (var i = 0; i < BatchSize; i++)
                Bind(_batch, i, _buffer[i]);
            _batch.ExecuteNonQuery();
            Rows += BatchSize;
            _buffered = 0;
        }
    }

    /// <summary>Writes the rows still buffered.</summary>
    public void Flush()
    {
        for (var i = 0; i < _buffered; i++)
        {
            Bind(_single, 0, _buffer[i]);
            _single.ExecuteNonQuery();
        }
        Rows += _buffered;
        _buffered = 0;
    }

    public void Dispose()
    {
        _batch.Dispose();
        _single.Dispose();
    }

    private void Bind(DbCommand command, int row, TRow value)
    {
        var offset = row * _columns.Length;
        for (var c = 0; c < _columns.Length; c++)
        {
            var column = _columns[c];
            var v = column.Get(value);
            if (v is not null && column.Mapping.Converter is { } converter)
                v = converter.ConvertToProvider(v);
            command.Parameters[offset + c].Value = v ?? DBNull.Value;
        }
    }

    private DbCommand Command(DbConnection connection, string insert, int rows)
    {
        var command = connection.CreateCommand();
        var values = new List<string>(rows);
        for (var r = 0; r < rows; r++)
        {
            var names = new string[_columns.Length];
            for (var c = 0; c < _columns.Length; c++)
            {
                names[c] = $"$p{r}_{c}";
                command.Parameters.Add(_columns[c].Mapping.CreateParameter(command, names[c], null, _columns[c].Nullable));
            }
            values.Add("(" + string.Join(", ", names) + ")");
        }
        command.CommandText = insert + string.Join(", ", values);
        return command;
    }

    private static Func<TRow, object?> Getter(IProperty property)
    {
        var row = Expression.Parameter(typeof(TRow), "row");
        var access = Expression.Property(row, property.PropertyInfo ?? throw new InvalidOperationException($"{typeof(TRow).Name}.{property.Name} has no CLR property."));
        return Expression.Lambda<Func<TRow, object?>>(Expression.Convert(access, typeof(object)), row).Compile();
    }

    private sealed record Column(string Name, Func<TRow, object?> Get, RelationalTypeMapping Mapping, bool Nullable);
}
