using PatCode.Core.Plugins.Chain;
using PatCode.Sdk;

namespace PatCode.Core.Tests.Plugins.Loading;

/// <summary>A plugin built against the PatCode.Sdk 1.0.0 package keeps working on this host's SDK 1.1.</summary>
public sealed class SdkCompatibilityTests : PluginHostTestBase
{
    [TestCase(PluginIsolation.InProcess)]
    [TestCase(PluginIsolation.Process)]
    public async Task APluginBuiltAgainstSdk10_LoadsRunsInTheChainAndItsCommandWorks(PluginIsolation isolation)
    {
        // A trusted folder's plugins run in process; the user's folder's in workers.
        var root = isolation == PluginIsolation.InProcess ? Fixture.TrustedRoot : Fixture.UserRoot;
        TestPlugins.Install("TestPlugins.Alpha", root);
        TestPlugins.Install("TestPlugins.Sdk10", root);
        var host = Fixture.Create();
        if (isolation == PluginIsolation.Process)
        {
            await host.EnableAsync("Alpha", load: false);
            await host.EnableAsync("Sdk10", load: false);
        }

        await host.StartAsync();

        var entry = host.Entries.Single(e => e.Name == "Sdk10");
        var details = host.Describe("Sdk10")!;
        var result = await host.Chain.RunAsync(new ChainRequest("hi", "/repo", [], [new ContextFile("/repo/a.cs", "x")]), CancellationToken.None);
        var registration = host.Commands["sdk10"];
        var output = await registration.Invoker.RunCommandAsync("sdk10", ["one", "two"], "/repo", TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(entry.Status, Is.EqualTo(PluginStatus.Active), entry.Reason);
            Assert.That(entry.Isolation, Is.EqualTo(isolation));
            Assert.That(details.SdkVersion, Is.EqualTo(new Version(1, 0, 0)));
            Assert.That(SdkInfo.Version, Is.EqualTo(new Version(1, 1, 0)));
            Assert.That(result.Sections.Single(s => s.Plugin == "Sdk10").Content, Is.EqualTo("input: hi; earlier: [Alpha/Alpha]; files: [/repo/a.cs]"));
            Assert.That(output, Is.EqualTo("sdk10 in /repo: one two"));
        });
    }
}
