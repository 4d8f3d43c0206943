using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace RetailTagging.Cli.Tests;

public sealed class CheckCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rt-check-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApplication.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void CleanCatalogExitsZero()
    {
        var (exit, output, _) = Run("check", Write("ok.tags", "dimension value\ntag rich : fact, value = sum(purchase.amount within 365d) >= 10000"));
        Assert.Equal(0, exit);
        Assert.Contains("1 tag(s), 0 segment(s) in 1 file(s): 0 warning(s)", output);
    }

    [Fact]
    public void TriggersAreCountedWhenTheCatalogHasThem()
    {
        var (exit, output, _) = Run("check", Write("triggers.tags", """
            tag buyer = exists(purchase within 30d)

            trigger welcome "Welcome"
                on event sign_up
                do send_welcome via wechat

            trigger lapsed "Lapsed buyer"
                on tag buyer exited
                do send_winback via sms
            """));
        Assert.Equal(0, exit);
        Assert.Contains("1 tag(s), 0 segment(s), 2 trigger(s) in 1 file(s): 0 warning(s)", output);
    }

    [Fact]
    public void WarningsAloneExitZero()
    {
        var (exit, output, _) = Run("check", Write("warn.tags", "tag t = customer.city == null"));
        Assert.Equal(0, exit);
        Assert.Contains("warning RT2002", output);
    }

    [Fact]
    public void ErrorsInSeveralFilesArePrintedMsBuildStyleWithCarets()
    {
        var a = Write("a.tags", "tag a = customer.ciyt == \"x\"");
        var b = Write("b.tags", "tag b = sum(purchse.amount) > 1\ntag c = 1 +");
        var (exit, output, _) = Run("check", a, b);
        Assert.Equal(1, exit);
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l == $"{a}(1,9): error RT1001: unknown customer attribute 'ciyt'; did you mean 'city'?");
        Assert.Contains(lines, l => l.StartsWith($"{b}(1,9): error RT1002: unknown event type 'purchse'; did you mean 'purchase'?", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{b}(2,12): error RT0005: syntax error", StringComparison.Ordinal));
        Assert.Contains("            ^^^^^^^^", output);
        Assert.Contains("3 error(s), 0 warning(s)", output);
    }

    [Fact]
    public void UnreadableFilesAreErrorsNotCrashes()
    {
        var (exit, output, _) = Run("check", Path.Combine(_dir, "missing.tags"));
        Assert.Equal(1, exit);
        Assert.Contains("error RT0000: cannot read the file", output);
        Assert.Contains("1 error(s)", output);
    }

    [Fact]
    public void MissingArgumentIsAUsageErrorNotACrash()
    {
        var (exit, _, error) = Run("check");
        Assert.Equal(1, exit);
        Assert.Contains("files", error);
    }

    [Fact]
    public void HugeAndDeeplyNestedInputIsADiagnostic()
    {
        var (exit, output, _) = Run("check", Write("deep.tags", "tag t = " + new string('(', 100_000) + "1" + new string(')', 100_000)));
        Assert.Equal(1, exit);
        Assert.Contains("error RT0006", output);
    }

    [Property(MaxTest = 60)]
    public Property GarbageNeverCrashes() => Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
    {
        var random = new Random(seed);
        var bytes = new byte[random.Next(0, 400)];
        random.NextBytes(bytes);
        var path = Path.Combine(_dir, $"garbage-{seed}.tags");
        File.WriteAllBytes(path, bytes);
        var (exit, output, _) = Run("check", path);
        return (exit is 0 or 1 && output.Length > 0).Label($"seed {seed}: exit {exit}");
    });
}
