using Microsoft.EntityFrameworkCore;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>Which database a context talks to, and how instants are stored.</summary>
internal static class Providers
{
    public const string PostgreSql = "Npgsql.EntityFrameworkCore.PostgreSQL";
    public const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";

    public static bool IsPostgreSql(DbContext context) => context.Database.ProviderName == PostgreSql;

    public static void EnsureSupported(DbContext context)
    {
        if (context.Database.ProviderName is not (PostgreSql or Sqlite))
            throw new NotSupportedException($"The RetailTagging stores support SQLite and PostgreSQL; this context uses '{context.Database.ProviderName}'.");
    }

    /// <summary>An instant as stored: UTC, to the microsecond (PostgreSQL's precision, applied on SQLite too so both read back alike).</summary>
    public static DateTime Utc(DateTimeOffset instant) =>
        new(instant.UtcTicks - instant.UtcTicks % 10, DateTimeKind.Utc);

    public static DateTime? Utc(DateTimeOffset? instant) => instant is { } value ? Utc(value) : null;

    public static DateTimeOffset Instant(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public static DateTimeOffset? Instant(DateTime? utc) => utc is { } value ? Instant(value) : null;
}
