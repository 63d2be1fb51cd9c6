namespace PatCode.Core.Tests.Plugins.Trust;

public sealed class PluginTrustTests : PluginHostTestBase
{
    [Test]
    public async Task AnUntrustedPlugin_NeverRuns_UntilEnabled()
    {
        var marker = Fixture.Combine("marker.txt");
        Environment.SetEnvironmentVariable("PATCODE_TEST_MARKER", marker);
        try
        {
            TestPlugins.Install("TestPlugins.Marker", Fixture.UserRoot);
            var host = Fixture.Create();
            await host.StartAsync();
            await host.Chain.RunAsync(PluginHostFixture.Request("hi"), CancellationToken.None);

            var entry = host.Entries.Single();
            Assert.That(entry.Status, Is.EqualTo(PluginStatus.Untrusted));
            Assert.That(entry.Reason, Does.Contain("not enabled yet").And.Contain("/plugins enable Marker"));
            Assert.That(File.Exists(marker), Is.False, "no code of an untrusted plugin ran");

            Assert.That(await host.EnableAsync("Marker", load: true), Is.Null);

            Assert.That(host.Entries.Single().Status, Is.EqualTo(PluginStatus.Active));
            Assert.That(File.Exists(marker), Is.True, "once enabled, the plugin is loaded (so the check above could fail)");
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATCODE_TEST_MARKER", null);
        }
    }

    [Test]
    public async Task ChangingAFileOfAnEnabledPlugin_RevokesTrust()
    {
        var folder = TestPlugins.Install("TestPlugins.Alpha", Fixture.UserRoot);
        var host = Fixture.Create();
        await host.EnableAsync("Alpha", load: true);
        Assert.That(host.Entries.Single().Status, Is.EqualTo(PluginStatus.Active));

        File.AppendAllText(Path.Combine(folder, "plugin.json"), " ");
        await host.ReloadAsync();

        var entry = host.Entries.Single();
        Assert.That(entry.Status, Is.EqualTo(PluginStatus.Untrusted));
        Assert.That(entry.Reason, Does.Contain("changed since you enabled it"));
        var result = await host.Chain.RunAsync(PluginHostFixture.Request("hi"), CancellationToken.None);
        Assert.That(result.Runs, Is.Empty, "the changed plugin was unloaded");
    }

    [Test]
    public async Task EnabledStateAndTrust_PersistAcrossHosts_InAUserOnlyFile()
    {
        TestPlugins.Install("TestPlugins.Alpha", Fixture.UserRoot);
        var first = Fixture.Create();
        await first.EnableAsync("Alpha", load: false);
        await first.DisposeAsync();

        Assert.That(File.GetUnixFileMode(Fixture.StateFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        var second = Fixture.Create();
        Assert.That(second.Scan().Single().Status, Is.EqualTo(PluginStatus.Active));

        await second.DisableAsync("Alpha", unload: false);
        var third = Fixture.Create();
        Assert.That(third.Scan().Single().Status, Is.EqualTo(PluginStatus.Disabled));
    }

    [Test]
    public void ACorruptStateFile_IsMovedAside_AndUserPluginsAreUntrustedAgain()
    {
        TestPlugins.Install("TestPlugins.Alpha", Fixture.UserRoot);
        File.WriteAllText(Fixture.StateFile, "{ not json");

        var host = Fixture.Create();

        Assert.That(host.StartupWarnings.Single(), Does.Contain("could not be read").And.Contain("moved to"));
        Assert.That(Directory.GetFiles(Fixture.Temp, "plugins.json.corrupt-*"), Has.Length.EqualTo(1));
        Assert.That(File.ReadAllText(Directory.GetFiles(Fixture.Temp, "plugins.json.corrupt-*")[0]), Is.EqualTo("{ not json"), "nothing is lost");
        Assert.That(host.Scan().Single().Status, Is.EqualTo(PluginStatus.Untrusted));
    }
}
