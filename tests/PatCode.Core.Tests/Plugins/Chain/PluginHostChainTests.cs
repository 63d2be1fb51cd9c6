using PatCode.Core.Plugins.Chain;

namespace PatCode.Core.Tests.Plugins.Chain;

public sealed class PluginHostChainTests : PluginHostTestBase
{
    [Test]
    public async Task Chain_RunsActivePluginsByPriorityWithDependenciesFirst_AndAttributesEachSection()
    {
        foreach (var project in new[] { "TestPlugins.Alpha", "TestPlugins.Beta", "TestPlugins.Stopper", "TestPlugins.Last" })
        {
            TestPlugins.Install(project, Fixture.TrustedRoot);
        }

        var host = Fixture.Create();
        await host.StartAsync();

        var result = await host.Chain.RunAsync(PluginHostFixture.Request("hello beta"), CancellationToken.None);

        // Beta is Critical but depends on Alpha (High), so Alpha runs first; Stopper does not handle; Zulu is Last.
        Assert.That(result.Runs.Select(r => r.Plugin), Is.EqualTo(new[] { "Alpha", "Beta", "Stopper", "Zulu" }));
        Assert.That(result.Runs.Select(r => r.Outcome), Is.EqualTo(new[] { PluginRunOutcome.Succeeded, PluginRunOutcome.Succeeded, PluginRunOutcome.Skipped, PluginRunOutcome.Succeeded }));
        Assert.That(result.Sections.Select(s => (s.Plugin, s.Title)), Is.EqualTo(new[] { ("Alpha", "Alpha"), ("Beta", "Beta"), ("Zulu", "Zulu") }));
        Assert.That(result.Sections[1].Content, Is.EqualTo("beta run 1, alpha ran first: True"));
        Assert.That(result.Stopped, Is.False);
        Assert.That(result.Runs.All(r => r.Elapsed > TimeSpan.Zero), Is.True, "every plugin's time is reported");
    }

    [Test]
    public async Task Chain_StopsAtAPluginThatSaysStop()
    {
        TestPlugins.Install("TestPlugins.Alpha", Fixture.TrustedRoot);
        TestPlugins.Install("TestPlugins.Stopper", Fixture.TrustedRoot);
        TestPlugins.Install("TestPlugins.Last", Fixture.TrustedRoot);
        var host = Fixture.Create();
        await host.StartAsync();

        var result = await host.Chain.RunAsync(PluginHostFixture.Request("please stop"), CancellationToken.None);

        Assert.That(result.StoppedBy, Is.EqualTo("Stopper"));
        Assert.That(result.Runs.Select(r => r.Plugin), Is.EqualTo(new[] { "Alpha", "Stopper" }));
        Assert.That(result.Sections.Select(s => s.Plugin), Does.Not.Contain("Zulu"));
    }

    [Test]
    public async Task PluginsCarryingDifferentVersionsOfTheSameDependency_BothWork()
    {
        TestPlugins.Install("TestPlugins.JsonOld", Fixture.TrustedRoot);
        TestPlugins.Install("TestPlugins.JsonNew", Fixture.TrustedRoot);
        // Each loads its own Newtonsoft.Json on first use, which can take seconds on a busy machine; this is not a timing test.
        var host = Fixture.Create(timeout: TimeSpan.FromSeconds(20));
        await host.StartAsync();

        var result = await host.Chain.RunAsync(PluginHostFixture.Request("hi"), CancellationToken.None);

        var byPlugin = result.Sections.ToDictionary(s => s.Plugin, s => s.Content);
        Assert.That(byPlugin["JsonOld"], Does.StartWith("12.0.0.0 {\"input\":\"hi\"}"));
        Assert.That(byPlugin["JsonNew"], Does.StartWith("13.0.0.0 {\"input\":\"hi\"}"));
    }

    [Test]
    public async Task ImportedServices_AreScopedToThePlugin_AndPersistAcrossMessages()
    {
        TestPlugins.Install("TestPlugins.Alpha", Fixture.TrustedRoot);
        TestPlugins.Install("TestPlugins.Beta", Fixture.TrustedRoot);
        var host = Fixture.Create();
        await host.StartAsync();

        await host.Chain.RunAsync(PluginHostFixture.Request("beta one"), CancellationToken.None);
        var second = await host.Chain.RunAsync(PluginHostFixture.Request("beta two"), CancellationToken.None);

        Assert.That(second.Sections.Single(s => s.Plugin == "Beta").Content, Does.StartWith("beta run 2"));
        Assert.That(Fixture.Logs.Entries.Any(e => e.Category == "Beta" && e.Message == "beta ran 2 times"), Is.True, "the plugin's logger has its name as category");
    }

    [Test]
    public async Task ListingReadsMetadataWithoutLoading()
    {
        TestPlugins.Install("TestPlugins.Alpha", Fixture.TrustedRoot);
        var host = Fixture.Create();

        var entries = host.Scan();

        var alpha = entries.Single();
        Assert.That(alpha.Name, Is.EqualTo("Alpha"));
        Assert.That(alpha.Version, Is.EqualTo("1.2.3"));
        Assert.That(alpha.Metadata!.Author, Is.EqualTo("PatCode tests"));
        Assert.That(alpha.Priority, Is.EqualTo(PatCode.Sdk.PluginPriority.High));
        Assert.That(alpha.Status, Is.EqualTo(PluginStatus.Active));
        Assert.That(host.ActivePlugins, Is.Empty, "nothing was loaded by a scan");
    }
}
