using System.Reflection;
using Xunit.Sdk;

namespace RetailTagging.EntityFrameworkCore.Tests.Support;

/// <summary>Runs a theory on SQLite: <c>[Theory, SqliteData, PostgresData] public async Task X(DatabaseProvider provider)</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqliteDataAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[DatabaseProvider.Sqlite]];
}

/// <summary>Runs a theory on PostgreSQL; skipped with a loud reason when RETAILTAGGING_POSTGRES is not set.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresDataAttribute : DataAttribute
{
    public PostgresDataAttribute()
    {
        if (PostgresServer.ConnectionString is null) Skip = PostgresServer.SkipReason;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[DatabaseProvider.PostgreSql]];
}

/// <summary>A fact that needs PostgreSQL; skipped with a loud reason when RETAILTAGGING_POSTGRES is not set.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.ConnectionString is null) Skip = PostgresServer.SkipReason;
    }
}

/// <summary>
/// Runs a theory with no database (a null <see cref="DatabaseProvider"/>): the in-memory reference a contract test
/// holds the database stores to, e.g. <c>[Theory, InMemoryData, SqliteData, PostgresData] public async Task X(DatabaseProvider? provider)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class InMemoryDataAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[null!]];
}
