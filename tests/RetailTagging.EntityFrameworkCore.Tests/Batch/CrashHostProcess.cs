using System.Diagnostics;
using RetailTagging.EntityFrameworkCore.Batch;
using RetailTagging.EntityFrameworkCore.Tests.Support;

namespace RetailTagging.EntityFrameworkCore.Tests.Batch;

/// <summary>
/// Starts tests/RetailTagging.EntityFrameworkCore.CrashHost as a child process. The host is built (once per test run)
/// when its output is missing or older than the adapter this test assembly uses, so a filtered test run never drives
/// a stale child.
/// </summary>
internal static class CrashHostProcess
{
    private const string Project = "RetailTagging.EntityFrameworkCore.CrashHost";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10); // a guard against a hung child, not a timing assertion
    private static readonly Lazy<Task<string>> Built = new(BuildAsync);

    public static string ProviderArgument(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";

    /// <summary>Runs the child to its end; returns its standard output, failing the test on a non-zero exit.</summary>
    public static async Task<string> RunAsync(params string[] args)
    {
        using var process = await StartAsync(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"crash host {string.Join(' ', args)} exited with {process.ExitCode}:\n{await error}");
        return await output;
    }

    /// <summary>Runs the child until it reports <paramref name="commits"/> committed chunks, then kills it (and its tree) at once.</summary>
    /// <returns>The lines it printed before it was killed.</returns>
    public static async Task<IReadOnlyList<string>> RunAndKillAfterAsync(int commits, params string[] args)
    {
        using var process = await StartAsync(args);
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(Patience);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
            if (line.StartsWith("committed ", StringComparison.Ordinal) && int.Parse(line.Split(' ')[1]) == commits)
            {
                process.Kill(entireProcessTree: true);
                break;
            }
        }
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(lines.Count >= commits, $"the child ended before {commits} commits: {string.Join(" | ", lines)}\n{await process.StandardError.ReadToEndAsync()}");
        return lines;
    }

    private static async Task<Process> StartAsync(string[] args)
    {
        var dll = await Built.Value;
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start) ?? throw new InvalidOperationException("The crash host did not start.");
    }

    private static async Task<string> BuildAsync()
    {
        var testBin = AppContext.BaseDirectory;
        var configuration = new DirectoryInfo(testBin).Parent!.Name; // bin/<configuration>/<tfm>/
        var root = new DirectoryInfo(testBin);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "RetailTagging.sln"))) root = root.Parent;
        Assert.True(root is not null, $"No RetailTagging.sln above {testBin}");
        var projectDir = Path.Combine(root!.FullName, "tests", Project);
        var output = Path.Combine(projectDir, "bin", configuration, new DirectoryInfo(testBin).Name);
        var dll = Path.Combine(output, Project + ".dll");
        var adapter = typeof(BatchTagger).Assembly.Location;
        var childAdapter = Path.Combine(output, Path.GetFileName(adapter));
        if (File.Exists(dll) && File.Exists(childAdapter) && File.GetLastWriteTimeUtc(childAdapter) >= File.GetLastWriteTimeUtc(adapter)) return dll;

        var build = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "build", Path.Combine(projectDir, Project + ".csproj"), "-c", configuration, "-nologo", "-v:q" }) build.ArgumentList.Add(arg);
        using var process = Process.Start(build)!;
        var log = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"Building the crash host failed:\n{await log}\n{await errors}");
        return dll;
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
