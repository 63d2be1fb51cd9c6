using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Core.Plugins;
using PatCode.Core.Plugins.Chain;
using PatCode.Core.Plugins.Installation;
using PatCode.Core.Plugins.Loading.Workers;
using PatCode.Sdk;
using PatCode.Testing;
using PatCode.Testing.Cli;

namespace PatCode.Templates.Tests;

/// <summary>
/// The author's path end to end: pack the SDK and the template package, install the template into a private
/// hive, create a project with `dotnet new patcode-plugin`, and build it against a feed holding the packed SDK.
/// Nothing touches the user's templates or global package folder.
/// </summary>
[NonParallelizable]
public sealed class PluginTemplateTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    private string _root = null!;
    private string _feed = null!;
    private string _outputFolder = null!;
    private string _dottedOutputFolder = null!;
    private string _pinnedOutputFolder = null!;
    private string _testRunOutput = null!;
    private string _packageFolder = null!;
    private readonly List<string> _log = [];

    private static string RepositoryRoot => Metadata("RepositoryRoot");

    private static string Configuration => Metadata("BuildConfiguration");

    // Plugins from a user folder run in a worker: the one this solution built.
    private static string WorkerPath => Path.Combine(RepositoryRoot, "host", "PatCode.PluginWorker", "bin", Configuration, "net10.0", "patcode-plugin-worker.dll");

    private static string SdkVersion => SdkInfo.Version.ToString(3);

    [OneTimeSetUp]
    public async Task PackInstallCreateAndBuild()
    {
        _root = Path.Combine(Path.GetTempPath(), $"patcode-template-{Guid.NewGuid():N}");
        _feed = Path.Combine(_root, "feed");
        var hive = Path.Combine(_root, "hive");
        var work = Path.Combine(_root, "work");
        Directory.CreateDirectory(_feed);
        Directory.CreateDirectory(work);
        // A private package folder: a PatCode.Sdk restored here never shadows a later, different build of the same version.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "packages") };

        await Step(RepositoryRoot, environment, "pack", Path.Combine(RepositoryRoot, "sdk", "PatCode.Sdk", "PatCode.Sdk.csproj"), "-c", Configuration, "--no-build", "-o", _feed);
        await Step(RepositoryRoot, environment, "pack", Path.Combine(RepositoryRoot, "sdk", "PatCode.Sdk.Testing", "PatCode.Sdk.Testing.csproj"), "-c", Configuration, "--no-build", "-o", _feed);
        await Step(RepositoryRoot, environment, "pack", Path.Combine(RepositoryRoot, "sdk", "PatCode.Templates", "PatCode.Templates.csproj"), "-c", Configuration, "-o", _feed);
        await Step(work, environment, "new", "install", Path.Combine(_feed, $"PatCode.Templates.{SdkVersion}.nupkg"), "--debug:custom-hive", hive);
        await Step(work, environment, "new", "patcode-plugin", "-n", "MyPlugin", "-o", Path.Combine(work, "MyPlugin"), "--debug:custom-hive", hive);
        File.WriteAllText(Path.Combine(work, "nuget.config"), LocalFeeds.NuGetConfig(_feed));
        await Step(work, environment, "build", Path.Combine(work, "MyPlugin"), "-c", "Release");
        _outputFolder = Path.Combine(work, "MyPlugin", "bin", "Release", "net10.0");
        _packageFolder = Path.Combine(_root, "packed");
        await Step(work, environment, "pack", Path.Combine(work, "MyPlugin"), "-c", "Release", "-o", _packageFolder);
        // A dotted name is not a valid class or command name as typed; the template must still produce code that builds.
        await Step(work, environment, "new", "patcode-plugin", "-n", "Acme.Greeter", "-o", Path.Combine(work, "Acme.Greeter"), "--Priority", "High", "--debug:custom-hive", hive);
        await Step(work, environment, "build", Path.Combine(work, "Acme.Greeter"), "-c", "Release");
        _dottedOutputFolder = Path.Combine(work, "Acme.Greeter", "bin", "Release", "net10.0");
        // --tests adds an NUnit project on PatCode.Sdk.Testing; it must pass as created.
        await Step(work, environment, "new", "patcode-plugin", "-n", "Tested", "-o", Path.Combine(work, "Tested"), "--tests", "--debug:custom-hive", hive);
        _testRunOutput = await Step(work, environment, "test", Path.Combine(work, "Tested", "Tested.Tests"), "-c", "Release");
        // An author on the Microsoft.Extensions 8 line pins the contract's dependencies to 8.0.0; warnings are errors, so NU1605 would fail it.
        await Step(work, environment, "new", "patcode-plugin", "-n", "Pinned", "-o", Path.Combine(work, "Pinned"), "--debug:custom-hive", hive);
        PinToExtensions8(Path.Combine(work, "Pinned", "Pinned.csproj"));
        await Step(work, environment, "build", Path.Combine(work, "Pinned"), "-c", "Release", "-warnaserror");
        _pinnedOutputFolder = Path.Combine(work, "Pinned", "bin", "Release", "net10.0");
    }

    [OneTimeTearDown]
    public void DeleteTemporaryFolder()
    {
        if (_root is not null && Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Test]
    public async Task TheBuiltPlugin_IsInstalledUntrusted_ThenEnabled_LoadedByTheHost_AndRunsInTheChain()
    {
        var userPlugins = Path.Combine(_root, "home", "plugins");
        var installed = PluginInstaller.Install(_outputFolder, userPlugins, replace: false);
        Assert.That(installed.Succeeded, Is.True, installed.Error);

        var options = new PluginHostOptions([new PluginRoot(userPlugins, PluginSource.User)], Path.Combine(_root, "home", "plugins.json"))
        {
            Workers = new WorkerOptions { Executable = WorkerPath },
        };
        await using var host = new PluginHost(options, InMemoryPluginServices.Create(NullLoggerFactory.Instance, TimeProvider.System), NullLoggerFactory.Instance);
        await host.StartAsync();
        Assert.That(host.Entries.Single().Status, Is.EqualTo(PluginStatus.Untrusted));

        Assert.That(await host.EnableAsync("MyPlugin", load: true), Is.Null);
        var result = await host.Chain.RunAsync(new ChainRequest("hello there", "/work", [], []), CancellationToken.None);

        Assert.That(host.Entries.Single().Status, Is.EqualTo(PluginStatus.Active));
        Assert.That(host.Entries.Single().Isolation, Is.EqualTo(PluginIsolation.Process), "it ran in a worker of its own");
        Assert.That(result.Sections.Single().Plugin, Is.EqualTo("MyPlugin"));
        Assert.That(result.Sections.Single().Content, Does.Contain("The user said hello from /work"));
        Assert.That(host.Commands.Keys, Does.Contain("myplugin"), "the template's command is named after the plugin");
    }

    [Test]
    public void Pack_WritesTheSdkAndTheTemplatePackagesAtTheSameVersion()
    {
        Assert.That(Directory.GetFiles(_feed, "*.nupkg").Select(Path.GetFileName), Is.EquivalentTo(new[]
        {
            $"PatCode.Sdk.{SdkVersion}.nupkg",
            $"PatCode.Sdk.Testing.{SdkVersion}.nupkg",
            $"PatCode.Templates.{SdkVersion}.nupkg",
        }));
    }

    [Test]
    public void Build_OutputHoldsThePluginAndItsManifest()
    {
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Path.Combine(_outputFolder, "MyPlugin.dll")), Is.True, string.Join('\n', _log));
            Assert.That(File.Exists(Path.Combine(_outputFolder, "MyPlugin.deps.json")), Is.True);
            Assert.That(File.Exists(Path.Combine(_outputFolder, "plugin.json")), Is.True);
        });
    }

    [Test]
    public void Manifest_NamesThePluginItsAssemblyAndTheSdkVersion()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_outputFolder, "plugin.json")));
        var root = manifest.RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("name").GetString(), Is.EqualTo("MyPlugin"));
            Assert.That(root.GetProperty("assembly").GetString(), Is.EqualTo("MyPlugin.dll"));
            Assert.That(root.GetProperty("sdkVersion").GetString(), Is.EqualTo(SdkVersion));
        });
    }

    [Test]
    public void Build_OutputLeavesOutTheAssembliesTheHostShares()
    {
        var files = Directory.GetFiles(_outputFolder).Select(Path.GetFileName).ToList();

        Assert.That(files, Has.None.EqualTo("PatCode.Sdk.dll")
            .And.None.EqualTo("System.Composition.AttributedModel.dll")
            .And.None.EqualTo("Microsoft.Extensions.Logging.Abstractions.dll"));
    }

    [Test]
    public void Pack_OfTheCreatedProject_WritesAPluginPackage_WithThePluginFolderUnderPlugin()
    {
        var package = Directory.GetFiles(_packageFolder, "*.nupkg").Single();
        using var zip = System.IO.Compression.ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        using var nuspecStream = zip.GetEntry("MyPlugin.nuspec")!.Open();
        var nuspec = System.Xml.Linq.XDocument.Load(nuspecStream);
        var ns = nuspec.Root!.GetDefaultNamespace();

        Assert.Multiple(() =>
        {
            Assert.That(Path.GetFileName(package), Is.EqualTo("MyPlugin.1.0.0.nupkg"));
            Assert.That(nuspec.Descendants(ns + "packageType").Select(t => t.Attribute("name")?.Value), Is.EqualTo(new[] { "PatCodePlugin" }));
            Assert.That(entries, Does.Contain("plugin/MyPlugin.dll").And.Contain("plugin/plugin.json").And.Contain("plugin/MyPlugin.deps.json"));
            Assert.That(entries, Has.None.StartsWith("lib/"), "nothing references a plugin");
            Assert.That(entries, Has.None.EndsWith("PatCode.Sdk.dll"), "the host provides the SDK");
            Assert.That(nuspec.Descendants(ns + "dependency").Single(d => d.Attribute("id")?.Value == "PatCode.Sdk").Attribute("version")?.Value, Is.EqualTo(SdkVersion));
            Assert.That(nuspec.Descendants(ns + "tags").Single().Value, Does.Contain("patcode-plugin"));
        });
    }

    [Test]
    public void CreatedProject_ReferencesThePackedSdkVersion()
    {
        var project = File.ReadAllText(Path.Combine(_root, "work", "MyPlugin", "MyPlugin.csproj"));

        Assert.That(project, Does.Contain($"<PackageReference Include=\"PatCode.Sdk\" Version=\"{SdkVersion}\" />"));
    }

    [Test]
    public void DottedName_BuildsWithASafeClassAndCommandNameAndKeepsTheNameAsTyped()
    {
        var source = File.ReadAllText(Path.Combine(_root, "work", "Acme.Greeter", "Acme.GreeterPlugin.cs"));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dottedOutputFolder, "plugin.json")));

        Assert.Multiple(() =>
        {
            Assert.That(source, Does.Contain("[PatCodePlugin(\"Acme.Greeter\","));
            Assert.That(source, Does.Contain("Priority = PluginPriority.High"));
            Assert.That(source, Does.Contain("public sealed class AcmeGreeterPlugin : Plugin"));
            Assert.That(source, Does.Contain("new PluginCommand(\"acme-greeter\""));
            Assert.That(File.Exists(Path.Combine(_dottedOutputFolder, "Acme.Greeter.dll")), Is.True);
            Assert.That(manifest.RootElement.GetProperty("name").GetString(), Is.EqualTo("Acme.Greeter"));
        });
    }

    [Test]
    public void TestsOption_CreatesATestProjectThatPassesAsCreated()
    {
        var project = File.ReadAllText(Path.Combine(_root, "work", "Tested", "Tested.Tests", "Tested.Tests.csproj"));

        Assert.That(project, Does.Contain($"<PackageReference Include=\"PatCode.Sdk.Testing\" Version=\"{SdkVersion}\" />"));
        Assert.That(_testRunOutput, Does.Match(@"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+3,"));
        Assert.That(Directory.Exists(Path.Combine(_root, "work", "MyPlugin", "MyPlugin.Tests")), Is.False, "without --tests there is no test project");
    }

    [Test]
    public async Task APluginPinningExtensions8_BuildsAgainstThePackage_LoadsAndRuns()
    {
        var userPlugins = Path.Combine(_root, "pinned-home", "plugins");
        Assert.That(PluginInstaller.Install(_pinnedOutputFolder, userPlugins, replace: false).Succeeded, Is.True);
        var options = new PluginHostOptions([new PluginRoot(userPlugins, PluginSource.User)], Path.Combine(_root, "pinned-home", "plugins.json"))
        {
            Workers = new WorkerOptions { Executable = WorkerPath },
        };
        await using var host = new PluginHost(options, InMemoryPluginServices.Create(NullLoggerFactory.Instance, TimeProvider.System), NullLoggerFactory.Instance);
        await host.StartAsync();

        Assert.That(await host.EnableAsync("Pinned", load: true), Is.Null);
        var result = await host.Chain.RunAsync(new ChainRequest("hello pinned", "/work", [], []), CancellationToken.None);

        Assert.That(host.Entries.Single().Status, Is.EqualTo(PluginStatus.Active), host.Entries.Single().Reason);
        Assert.That(result.Sections.Single().Plugin, Is.EqualTo("Pinned"));
    }

    private static void PinToExtensions8(string projectFile)
    {
        var text = File.ReadAllText(projectFile);
        const string Pins = """
                <PackageReference Include="Microsoft.Extensions.Logging.Abstractions" Version="8.0.0" />
                <PackageReference Include="System.Composition.AttributedModel" Version="8.0.0" />
              </ItemGroup>
            """;
        var at = text.IndexOf("</ItemGroup>", StringComparison.Ordinal);
        File.WriteAllText(projectFile, text[..at] + Pins.TrimStart() + text[(at + "</ItemGroup>".Length)..]);
    }

    private async Task<string> Step(string workingDirectory, Dictionary<string, string> environment, params string[] arguments)
    {
        var (exitCode, output) = await DotnetCli.RunAsync(workingDirectory, environment, StepTimeout, arguments);
        _log.Add($"$ dotnet {string.Join(' ', arguments)}\n{output}");
        Assert.That(exitCode, Is.Zero, $"dotnet {string.Join(' ', arguments)} failed:\n{output}");
        return output;
    }

    private static string Metadata(string key) => typeof(PluginTemplateTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == key).Value!;
}
