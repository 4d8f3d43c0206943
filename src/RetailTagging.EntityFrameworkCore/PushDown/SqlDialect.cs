using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace RetailTagging.EntityFrameworkCore.PushDown;

/// <summary>
/// What differs between providers. The language orders strings ordinally; SQLite's default BINARY
/// collation already does, PostgreSQL's database collation may not, so there ordering uses
/// <c>COLLATE "C"</c>. SQLite stores decimals as text and EF Core orders them with its
/// <c>ef_compare</c> function but tests equality as text, which is exact only between values EF
/// Core itself wrote; number equality there is written as "neither less nor greater".
/// </summary>
internal sealed class SqlDialect
{
    private static readonly MethodInfo CollateMethod = typeof(RelationalDbFunctionsExtensions)
        .GetMethod(nameof(RelationalDbFunctionsExtensions.Collate))!.MakeGenericMethod(typeof(string));

    private readonly string? _ordinalCollation;

    private SqlDialect(string? ordinalCollation, bool numberEqualityByOrder)
    {
        _ordinalCollation = ordinalCollation;
        NumberEqualityByOrder = numberEqualityByOrder;
    }

    /// <summary>A dialect that adds nothing (other providers, and the dry run that only collects problems).</summary>
    public static SqlDialect Default { get; } = new(null, numberEqualityByOrder: false);

    /// <summary>True when number equality must be written with ordering comparisons (SQLite).</summary>
    public bool NumberEqualityByOrder { get; }

    /// <summary>The dialect for a context's provider.</summary>
    public static SqlDialect For(DbContext db)
    {
        var provider = db.Database.ProviderName ?? "";
        if (provider.Contains("Npgsql", StringComparison.OrdinalIgnoreCase)) return new SqlDialect("C", numberEqualityByOrder: false);
        if (provider.Contains("Sqlite", StringComparison.OrdinalIgnoreCase)) return new SqlDialect(null, numberEqualityByOrder: true);
        return Default;
    }

    /// <summary>A string expression to be ordered (compared with &lt;, min, max, first/last ties) ordinally.</summary>
    public Expression Ordinal(Expression text) =>
        _ordinalCollation is null ? text : Expression.Call(CollateMethod, Expression.Constant(EF.Functions), text, Expression.Constant(_ordinalCollation));
}
