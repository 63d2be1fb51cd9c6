using PatCode.Packages.Tests.Support;
using PatCode.Testing.Cli;

namespace PatCode.Packages.Tests.CommandLine;

/// <summary>
/// NuGet's client loads only for the feed verbs: a copy of patcode without PatCode.Packages and the NuGet
/// assemblies still lists, enables and installs from a folder, and only a feed verb misses them.
/// </summary>
public sealed class LazyLoadingTests
{
    private string _root = null!;

    [SetUp]
    public void SetUp() => _root = Directory.CreateTempSubdirectory("patcode-lazy-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    [Test]
    public async Task WithoutTheNuGetAssemblies_PluginsListAndPathInstallsWork_AndOnlyAFeedVerbFails()
    {
        var copy = Path.Combine(_root, "patcode");
        foreach (var file in Directory.GetFiles(PatCodeProcess.CliDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(PatCodeProcess.CliDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var removed = Directory.GetFiles(copy, "NuGet.*.dll").Append(Path.Combine(copy, "PatCode.Packages.dll")).ToList();
        Assert.That(removed, Has.Count.GreaterThanOrEqualTo(5), "NuGet.Protocol, Packaging, Configuration, Versioning and PatCode.Packages sit beside patcode");
        removed.ForEach(File.Delete);
        var environment = new Dictionary<string, string> { ["PATCODE_HOME"] = Path.Combine(_root, "home"), ["HOME"] = _root, ["NO_COLOR"] = "1" };
        var entry = Path.Combine(copy, "patcode.dll");

        var list = await ChildProcess.RunAsync("dotnet", [entry, "plugins", "list"], environment);
        var install = await ChildProcess.RunAsync("dotnet", [entry, "plugins", "install", Path.Combine(PatCodeProcess.TestPluginsDirectory, "TestPlugins.Alpha")], environment);
        var search = await ChildProcess.RunAsync("dotnet", [entry, "plugins", "search", "anything"], environment);

        Assert.That(list.ExitCode, Is.Zero, list.Output);
        Assert.That(list.Output, Does.Match(@"GitHelper\s+1\.0\.0\s+Normal\s+Active"));
        Assert.That(install.ExitCode, Is.Zero, install.Output);
        Assert.That(search.ExitCode, Is.EqualTo(1), "the feed verb is the one that needs them");
        Assert.That(search.Output, Does.Contain("PatCode.Packages").Or.Contain("NuGet"));
    }
}
