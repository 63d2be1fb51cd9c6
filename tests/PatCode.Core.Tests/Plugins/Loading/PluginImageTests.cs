using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Core.Plugins.Chain;
using PatCode.Core.Plugins.Discovery;
using PatCode.Core.Plugins.Loading;
using PatCode.Core.Plugins.Trust;

namespace PatCode.Core.Tests.Plugins.Loading;

/// <summary>A plugin is loaded from exactly the bytes whose hash was trusted, and its loader never probes outside its folder.</summary>
public sealed class PluginImageTests : PluginHostTestBase
{
    [Test]
    public async Task APinnedPlugin_LoadsFromAPrivateCopyOfTheCheckedBytes_SoASwapAfterTheCheckDoesNotRun()
    {
        var folder = TestPlugins.Install("TestPlugins.Swap.V1", Fixture.UserRoot, "Swap");
        var trusted = PluginFolderHash.Compute(folder);
        var plugin = PluginDiscovery.Discover([new PluginRoot(Fixture.UserRoot, PluginSource.User)]).Single();

        using var image = PluginImage.Prepare(plugin, trusted, Fixture.Combine("run", "images"));
        TestPlugins.CopyDirectory(TestPlugins.Built("TestPlugins.Swap.V2"), folder); // swapped after the check

        Assert.That(image.AssemblyPath, Does.StartWith(Fixture.Combine("run", "images") + Path.DirectorySeparatorChar));
        Assert.That(File.GetUnixFileMode(image.AssemblyPath) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead), Is.EqualTo(UnixFileMode.None), "the copy is the user's only");
        var invoker = await PluginActivator.LoadAsync(plugin.Name, image.AssemblyPath, collectible: true, InMemoryPluginServices.Create(NullLoggerFactory.Instance, TimeProvider.System), NullLoggerFactory.Instance, TimeSpan.FromSeconds(5), marker: null, CancellationToken.None);
        try
        {
            var loaded = new LoadedPlugin(plugin, invoker);
            var chain = new PluginChain(() => [loaded], () => new ChainBudget(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)), (_, _) => null, NullLogger.Instance);
            var result = await chain.RunAsync(PluginHostFixture.Request("hi"), CancellationToken.None);
            Assert.That(result.Sections.Single().Content, Is.EqualTo("swap v1"), "the trusted code ran, not the swapped-in one");
        }
        finally
        {
            await invoker.UnloadAsync(TimeSpan.FromSeconds(5));
        }
    }

    [Test]
    public void APinnedPluginWhoseFilesNoLongerMatch_IsNotLoadedAtAll()
    {
        var folder = TestPlugins.Install("TestPlugins.Swap.V1", Fixture.UserRoot, "Swap");
        var trusted = PluginFolderHash.Compute(folder);
        TestPlugins.CopyDirectory(TestPlugins.Built("TestPlugins.Swap.V2"), folder);
        var plugin = PluginDiscovery.Discover([new PluginRoot(Fixture.UserRoot, PluginSource.User)]).Single();

        var refused = Assert.Throws<PluginUntrustedException>(() => PluginImage.Prepare(plugin, trusted, Fixture.Combine("run", "images")));

        Assert.That(refused!.Message, Does.Contain("changed since you enabled it"));
        Assert.That(Directory.Exists(Fixture.Combine("run", "images")), Is.False, "nothing was copied");
    }

    [Test]
    public async Task ProbingPathsLeadingOutOfThePluginsFolder_AreIgnored_WithAWarning()
    {
        var folder = TestPlugins.Install("TestPlugins.Alpha", Fixture.TrustedRoot);
        Directory.CreateDirectory(Path.Combine(folder, "libs"));
        File.WriteAllText(Path.Combine(folder, "TestPlugins.Alpha.runtimeconfig.dev.json"), """
            { "runtimeOptions": { "additionalProbingPaths": [ "/usr/lib/dotnet-packages", "../elsewhere", "libs" ] } }
            """);
        var deps = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "TestPlugins.Alpha.deps.json")))!;
        deps["targets"]![".NETCoreApp,Version=v10.0"]!["Evil/1.0.0"] = new JsonObject { ["runtime"] = new JsonObject { ["../../outside/Evil.dll"] = new JsonObject() } };
        deps["libraries"]!["Evil/1.0.0"] = new JsonObject { ["type"] = "package", ["path"] = "../../outside" };
        File.WriteAllText(Path.Combine(folder, "TestPlugins.Alpha.deps.json"), deps.ToJsonString());
        var plugin = PluginDiscovery.Discover([new PluginRoot(Fixture.TrustedRoot, PluginSource.Development)]).Single();

        using var image = PluginImage.Prepare(plugin, trustedHash: null, Fixture.Combine("run", "images"));

        Assert.That(image.Warnings, Has.Count.EqualTo(4));
        Assert.That(image.Warnings, Has.Some.Contains("'/usr/lib/dotnet-packages' points outside the plugin's folder and is ignored"));
        Assert.That(image.Warnings, Has.Some.Contains("'../elsewhere' points outside"));
        Assert.That(image.Warnings, Has.Some.Contains("names '../../outside/Evil.dll', outside the plugin's folder"));
        var copy = Path.GetDirectoryName(image.AssemblyPath)!;
        var probing = JsonNode.Parse(File.ReadAllText(Path.Combine(copy, "TestPlugins.Alpha.runtimeconfig.dev.json")))!["runtimeOptions"]!["additionalProbingPaths"]!.AsArray();
        Assert.That(probing.Select(p => p!.GetValue<string>()), Is.EqualTo(new[] { Path.Combine(copy, "libs") }), "only the path inside the folder is kept, pointing into the copy");
        Assert.That(File.ReadAllText(Path.Combine(copy, "TestPlugins.Alpha.deps.json")), Does.Not.Contain("outside"));

        var host = Fixture.Create();
        await host.StartAsync();
        Assert.That(host.Entries.Single().Status, Is.EqualTo(PluginStatus.Active), "the plugin itself still loads");
        Assert.That(host.Describe("Alpha")!.Notes, Has.Some.Contains("points outside the plugin's folder and is ignored"));
    }

    [Test]
    public void APluginWithNothingToClean_FromATrustedFolder_LoadsInPlace()
    {
        var folder = TestPlugins.Install("TestPlugins.Alpha", Fixture.TrustedRoot);
        var plugin = PluginDiscovery.Discover([new PluginRoot(Fixture.TrustedRoot, PluginSource.Development)]).Single();

        using var image = PluginImage.Prepare(plugin, trustedHash: null, Fixture.Combine("run", "images"));

        Assert.That(image.AssemblyPath, Is.EqualTo(Path.Combine(folder, "TestPlugins.Alpha.dll")));
        Assert.That(image.Warnings, Is.Empty);
    }
}
