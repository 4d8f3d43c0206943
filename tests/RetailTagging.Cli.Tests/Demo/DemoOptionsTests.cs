using Microsoft.Data.Sqlite;
using Xunit;

namespace RetailTagging.Cli.Tests.Demo;

public sealed class DemoOptionsTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("rt-demo-options-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static (int Exit, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApplication.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("--customers", "0", "--customers must be between 1 and 10,000,000")]
    [InlineData("--weeks", "53", "--weeks must be between 0 and 52")]
    public void A_bad_option_is_a_message_and_exit_1(string option, string value, string message)
    {
        var (exit, _, error) = Run("demo", option, value, "--db", Path.Combine(_dir.FullName, "x.db"));
        Assert.Equal(1, exit);
        Assert.Contains(message, error);
        Assert.False(File.Exists(Path.Combine(_dir.FullName, "x.db")));
    }

    [Fact]
    public void A_database_that_cannot_be_written_is_a_message_and_exit_1()
    {
        var blocker = Path.Combine(_dir.FullName, "file");
        File.WriteAllText(blocker, "not a directory");
        var (exit, _, error) = Run("demo", "--customers", "10", "--weeks", "0", "--db", Path.Combine(blocker, "demo.db"));
        Assert.Equal(1, exit);
        Assert.StartsWith("retail-tags demo: error:", error);
    }

    [Fact]
    public void An_existing_file_is_replaced_with_a_notice()
    {
        var path = Path.Combine(_dir.FullName, "old.db");
        File.WriteAllText(path, "an old file that is not a database");
        var (exit, output, error) = Run("demo", "--customers", "60", "--weeks", "0", "--db", path);
        Assert.True(exit == 0, error + output);
        Assert.Contains($"replacing the existing file {path}", error);
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM rt_customers";
        Assert.Equal(60L, command.ExecuteScalar());
    }

    [Fact]
    public void The_same_seed_gives_the_same_tags_and_triggers()
    {
        string Tags(string path)
        {
            using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT group_concat(x, '|') FROM (
                  SELECT customer_id || ' ' || tag || '=' || value || '@' || assigned_at_utc AS x FROM rt_tag_assignments
                  UNION ALL SELECT customer_id || ' ' || tag || ' ' || kind || ' ' || coalesce(new_value, '') || '@' || at_utc FROM rt_tag_history
                  UNION ALL SELECT idempotency_key || ' ' || channel FROM rt_outbox_messages
                  ORDER BY 1)
                """;
            return (string)command.ExecuteScalar()!;
        }
        var first = Path.Combine(_dir.FullName, "a.db");
        var second = Path.Combine(_dir.FullName, "b.db");
        Assert.Equal(0, Run("demo", "--customers", "150", "--weeks", "1", "--seed", "7", "--db", first).Exit);
        Assert.Equal(0, Run("demo", "--customers", "150", "--weeks", "1", "--seed", "7", "--db", second).Exit);
        Assert.Equal(Tags(first), Tags(second));
    }
}
