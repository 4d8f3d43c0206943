using System.Diagnostics;
using System.IO.Compression;
using Xunit.Abstractions;

namespace RetailTagging.Packaging.Tests;

/// <summary>
/// The packages work as a consumer uses them: `dotnet pack` every library and the tool from a
/// copy of the repository (so the test never races the build that runs it), install them from
/// a local folder into a fresh console project, build it and run it.
/// </summary>
public sealed class PackageConsumerTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("rt-pack-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RetailTagging.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    [Fact]
    public void PackagesInstallBuildAndRunInAFreshConsoleProject()
    {
        var root = RepositoryRoot();
        var copy = Path.Combine(_work, "repo");
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "nuget.config", "README.md", "LICENSE" })
            File.Copy(Path.Combine(root, file), Path.Combine(Directory.CreateDirectory(copy).FullName, file));
        var libraries = Directory.GetDirectories(Path.Combine(root, "src")).Select(Path.GetFileName).ToList();
        foreach (var library in libraries) CopySources(Path.Combine(root, "src", library!), Path.Combine(copy, "src", library!));
        // The tool may reference the synthetic data generator, which is not a package of its own.
        if (Directory.Exists(Path.Combine(root, "benchmarks", "RetailTagging.Synthetic")))
            CopySources(Path.Combine(root, "benchmarks", "RetailTagging.Synthetic"), Path.Combine(copy, "benchmarks", "RetailTagging.Synthetic"));

        var feed = Directory.CreateDirectory(Path.Combine(_work, "feed")).FullName;
        foreach (var library in libraries)
            Dotnet(copy, "pack", $"src/{library}", "-c", "Release", "-o", feed, "-p:ContinuousIntegrationBuild=true");

        var packages = Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).ToList();
        foreach (var library in libraries) Assert.Contains($"{library}.0.1.0.nupkg", packages);
        foreach (var package in Directory.GetFiles(feed, "*.nupkg"))
        {
            using var zip = ZipFile.OpenRead(package);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("README.md", names);
            Assert.Contains("LICENSE", names);
            if (!package.Contains("RetailTagging.Cli", StringComparison.Ordinal))
                Assert.Contains(names, n => n.StartsWith("lib/net10.0/", StringComparison.Ordinal) && n.EndsWith(".xml", StringComparison.Ordinal));
            else
                Assert.Contains(names, n => n.StartsWith("tools/", StringComparison.Ordinal) && n.EndsWith("retail-tags.dll", StringComparison.Ordinal));
        }

        var consumer = Directory.CreateDirectory(Path.Combine(_work, "consumer")).FullName;
        // The local folder first, then the machine's configured sources for third-party packages.
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="RetailTagging.Core" Version="0.1.0" />
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.15" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            using Microsoft.Extensions.DependencyInjection;
            using RetailTagging;
            using RetailTagging.Engine;

            var services = new ServiceCollection();
            services.AddRetailTagging(o => o.UseCatalogText("tag big_basket = max(purchase.amount within 30d) >= 500"));
            using var provider = services.BuildServiceProvider();
            var engine = provider.GetRequiredService<TagEngine>();
            var now = DateTimeOffset.UtcNow;
            CustomerEvent[] events = [new("o-1", "c-1", EventTypes.Purchase, now.AddDays(-3)) { Amount = 680m }];
            Console.WriteLine("big_basket: " + engine.Evaluate(new Customer("c-1"), events, now).Tags.ContainsKey("big_basket"));
            """);
        var run = Dotnet(consumer, "run", "-c", "Release");
        Assert.Contains("big_basket: True", run);

        // The tool package installs as a local tool and runs.
        Dotnet(consumer, "new", "tool-manifest");
        Dotnet(consumer, "tool", "install", "RetailTagging.Cli", "--version", "0.1.0", "--add-source", feed);
        File.WriteAllText(Path.Combine(consumer, "ok.tags"), "tag shanghai = customer.city == \"Shanghai\"");
        Assert.Contains("1 tag(s)", Dotnet(consumer, "tool", "run", "retail-tags", "check", "ok.tags"));
    }

    private static void CopySources(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal)) continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private string Dotnet(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', arguments)} timed out");
        }
        var text = stdout.Result + stderr.Result;
        output.WriteLine($"$ dotnet {string.Join(' ', arguments)}\n{text}");
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited {process.ExitCode}:\n{text}");
        return text;
    }
}
