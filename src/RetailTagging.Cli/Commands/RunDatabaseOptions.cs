using System.CommandLine;

namespace RetailTagging.Cli.Commands;

/// <summary><c>run</c>'s persistence options: <c>--db &lt;sqlite file&gt;</c> or <c>--postgres &lt;connection string&gt;</c>, and <c>--key-file</c>.</summary>
internal sealed class DatabaseOptions
{
    public Option<FileInfo?> Sqlite { get; } = new("--db")
    {
        Description = "Store customers, events, tag assignments and history in this SQLite file (created and migrated as needed), and tag from it.",
    };

    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = "Store them in this PostgreSQL database instead (a Npgsql connection string; migrated as needed).",
    };

    public Option<FileInfo?> KeyFile { get; } = new("--key-file")
    {
        Description = "The keys that encrypt names, phones and e-mails at rest (created when missing). Default with --db: <file>.keys; required with --postgres.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Sqlite);
        command.Options.Add(Postgres);
        command.Options.Add(KeyFile);
    }

    /// <summary>The database the run uses, or null for a run in memory.</summary>
    public DatabaseTarget? Read(ParseResult parseResult)
    {
        var sqlite = parseResult.GetValue(Sqlite);
        var postgres = parseResult.GetValue(Postgres);
        var keys = parseResult.GetValue(KeyFile);
        if (sqlite is null && postgres is null)
            return keys is null ? null : new DatabaseTarget(null, null, keys); // Validate() reports --key-file alone
        return new DatabaseTarget(sqlite, postgres, keys);
    }
}

/// <summary>Where <c>run</c> stores its data: exactly one of a SQLite file and a PostgreSQL connection string, and the key file.</summary>
internal sealed record DatabaseTarget(FileInfo? Sqlite, string? Postgres, FileInfo? KeyFile)
{
    /// <summary>The key file in use: the given one, or beside the SQLite file.</summary>
    public string KeyPath => KeyFile?.FullName ?? Sqlite!.FullName + ".keys";

    /// <summary>Where the data goes, for messages (never the connection string, which may hold a password).</summary>
    public string Description => Sqlite is not null ? Sqlite.ToString() : "the PostgreSQL database";

    /// <exception cref="ArgumentException">The combination is not usable.</exception>
    public void Validate()
    {
        if (Sqlite is null && Postgres is null)
            throw new ArgumentException("--key-file needs --db <sqlite file> or --postgres <connection string>.");
        if (Sqlite is not null && Postgres is not null)
            throw new ArgumentException("--db and --postgres cannot be used together: choose one database.");
        if (Postgres is not null && KeyFile is null)
            throw new ArgumentException("--postgres needs --key-file <file>: the keys that encrypt personal data must not live in the database they protect.");
        if (Postgres is { Length: 0 } || Postgres is not null && string.IsNullOrWhiteSpace(Postgres))
            throw new ArgumentException("--postgres needs a connection string, e.g. \"Host=localhost;Database=crm;Username=crm\".");
    }
}
