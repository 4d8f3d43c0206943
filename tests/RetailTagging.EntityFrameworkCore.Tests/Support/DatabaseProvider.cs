namespace RetailTagging.EntityFrameworkCore.Tests.Support;

/// <summary>The database a test runs against.</summary>
public enum DatabaseProvider
{
    /// <summary>A SQLite file in a temporary directory.</summary>
    Sqlite,
    /// <summary>A fresh database on the server named by RETAILTAGGING_POSTGRES.</summary>
    PostgreSql,
}
