using System.Reflection;
using PatCode.Packages.Tests.Support;
using PatCode.Testing.Cli;

namespace PatCode.Packages.Tests.CommandLine;

/// <summary>
/// PatCode as a .NET tool: `dotnet pack` of the host gives the PatCode tool package, `dotnet tool install --tool-path`
/// installs it from a folder feed, and the installed `patcode` lists its built-in plugins.
/// </summary>
[NonParallelizable]
public sealed class ToolPackageTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(6);
    private string _root = null!;

    [OneTimeSetUp]
    public void SetUp() => _root = Directory.CreateTempSubdirectory("patcode-tool-").FullName;

    [OneTimeTearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    [Test]
    public async Task ThePackedTool_Installs_AndItsPatcodeListsTheBuiltInPlugins()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_root, "feed")).FullName;
        var tools = Path.Combine(_root, "tools");
        var configuration = typeof(ToolPackageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BuildConfiguration").Value!;
        var config = Path.Combine(_root, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="tool" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "nuget-packages") };

        await Dotnet(PatCodeProcess.RepoRoot, environment, "pack", Path.Combine(PatCodeProcess.RepoRoot, "host", "PatCode.Cli", "PatCode.Cli.csproj"), "-c", configuration, "--no-build", "-o", feed);
        Assert.That(Directory.GetFiles(feed).Select(Path.GetFileName), Is.EqualTo(new[] { "PatCode.1.0.0.nupkg" }));
        await Dotnet(_root, environment, "tool", "install", "PatCode", "--tool-path", tools, "--configfile", config);

        var list = await ChildProcess.RunAsync(Path.Combine(tools, "patcode"), ["plugins", "list"], new Dictionary<string, string> { ["PATCODE_HOME"] = Path.Combine(_root, "home"), ["NO_COLOR"] = "1" });

        Assert.That(list.ExitCode, Is.Zero, list.Output);
        foreach (var builtin in new[] { "CodeExplainer", "FileAnalyzer", "GitHelper" })
        {
            Assert.That(list.Output, Does.Match($@"{builtin}\s+1\.0\.0\s+\w+\s+Active\s+in-process\s+built-in"));
        }
    }

    private static async Task Dotnet(string workingDirectory, Dictionary<string, string> environment, params string[] arguments)
    {
        var (exitCode, output) = await DotnetCli.RunAsync(workingDirectory, environment, StepTimeout, arguments);
        Assert.That(exitCode, Is.Zero, $"dotnet {string.Join(' ', arguments)} failed:\n{output}");
    }
}
