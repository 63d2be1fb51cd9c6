using PatCode.Core.Plugins;
using PatCode.Core.Tests.Support;
using PatCode.Sdk;

namespace PatCode.Core.Tests.Plugins;

/// <summary>A plugin built against the PatCode.Sdk 1.0.0 package keeps working on this host's SDK 1.1.</summary>
public sealed class SdkCompatibilityTests : PluginHostTestBase
{
    [Test]
    public async Task APluginBuiltAgainstSdk10_LoadsRunsInTheChainAndItsCommandWorks()
    {
        TestPlugins.Install("TestPlugins.Alpha", Fixture.TrustedRoot);
        TestPlugins.Install("TestPlugins.Sdk10", Fixture.TrustedRoot);
        var host = Fixture.Create();
        await host.StartAsync();

        var entry = host.Entries.Single(e => e.Name == "Sdk10");
        var details = host.Describe("Sdk10")!;
        var result = await host.Chain.RunAsync(new ChainRequest("hi", "/repo", [], [new ContextFile("/repo/a.cs", "x")]), CancellationToken.None);
        var registration = host.Commands["sdk10"];
        var output = await registration.Command.Handler(new PluginCommandContext(["one", "two"], "/repo", registration.Services, registration.Logger), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(entry.Status, Is.EqualTo(PluginStatus.Active), entry.Reason);
            Assert.That(details.SdkVersion, Is.EqualTo(new Version(1, 0, 0)));
            Assert.That(SdkInfo.Version, Is.EqualTo(new Version(1, 1, 0)));
            Assert.That(result.Sections.Single(s => s.Plugin == "Sdk10").Content, Is.EqualTo("input: hi; earlier: [Alpha/Alpha]; files: [/repo/a.cs]"));
            Assert.That(output, Is.EqualTo("sdk10 in /repo: one two"));
        });
    }
}
