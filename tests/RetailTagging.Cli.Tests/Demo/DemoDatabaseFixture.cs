using Microsoft.Data.Sqlite;
using Xunit;

namespace RetailTagging.Cli.Tests.Demo;

/// <summary>One small demo run (2,000 customers, two weekly runs before the final one) shared by the demo and report tests.</summary>
public sealed class DemoDatabaseFixture : IDisposable
{
    public const int Customers = 2_000;
    public const int Seed = 4242;
    public const int Weeks = 2;

    private readonly DirectoryInfo _dir = System.IO.Directory.CreateTempSubdirectory("rt-demo-");

    public DemoDatabaseFixture()
    {
        DatabasePath = Path.Combine(_dir.FullName, "demo.db");
        var output = new StringWriter();
        var error = new StringWriter();
        Exit = CliApplication.Run(["demo", "--customers", Customers.ToString(), "--seed", Seed.ToString(), "--weeks", Weeks.ToString(), "--db", DatabasePath], output, error);
        Output = output.ToString();
        Error = error.ToString();
    }

    public string DatabasePath { get; }
    public int Exit { get; }
    public string Output { get; }
    public string Error { get; }
    public string Directory => _dir.FullName;

    /// <summary>A scalar query on the demo database, read-only.</summary>
    public long Scalar(string sql) => Convert.ToInt64(Query(sql, r => r.GetValue(0)).Single());

    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> read)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(read(reader));
        return rows;
    }

    public void Dispose() => _dir.Delete(recursive: true);
}

[CollectionDefinition(Name)]
public sealed class DemoDatabaseCollection : ICollectionFixture<DemoDatabaseFixture>
{
    public const string Name = "demo database";
}
