using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace RetailTagging.EntityFrameworkCore.PushDown;

/// <summary>
/// What differs between providers. The language orders strings ordinally; SQLite's default BINARY
/// collation already does, PostgreSQL's database collation may not, so there ordering uses
/// <c>COLLATE "C"</c>.
/// </summary>
internal sealed class SqlDialect
{
    private static readonly MethodInfo CollateMethod = typeof(RelationalDbFunctionsExtensions)
        .GetMethod(nameof(RelationalDbFunctionsExtensions.Collate))!.MakeGenericMethod(typeof(string));

    private readonly string? _ordinalCollation;

    private SqlDialect(string? ordinalCollation) => _ordinalCollation = ordinalCollation;

    /// <summary>A dialect that adds no collation (SQLite, and the dry run that only collects problems).</summary>
    public static SqlDialect Default { get; } = new(null);

    /// <summary>The dialect for a context's provider.</summary>
    public static SqlDialect For(DbContext db) =>
        db.Database.ProviderName?.Contains("Npgsql", StringComparison.OrdinalIgnoreCase) == true ? new SqlDialect("C") : Default;

    /// <summary>A string expression to be ordered (compared with &lt;, min, max, first/last ties) ordinally.</summary>
    public Expression Ordinal(Expression text) =>
        _ordinalCollation is null ? text : Expression.Call(CollateMethod, Expression.Constant(EF.Functions), text, Expression.Constant(_ordinalCollation));
}
