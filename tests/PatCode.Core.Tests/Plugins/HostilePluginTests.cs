using PatCode.Core.Plugins.Chain;

namespace PatCode.Core.Tests.Plugins;

public sealed class HostilePluginTests : PluginHostTestBase
{
    [Test]
    public async Task EveryHostileCase_GetsAStatusWithAReason_AndTheHostKeepsRunning()
    {
        TestPlugins.Install("TestPlugins.Hostile", Fixture.TrustedRoot);
        TestPlugins.Install("TestPlugins.NewerSdk", Fixture.TrustedRoot);
        TestPlugins.Install("TestPlugins.Alpha", Fixture.TrustedRoot);
        var host = Fixture.Create(timeout: TimeSpan.FromMilliseconds(300));

        await host.StartAsync();

        var byName = host.Entries.ToDictionary(e => e.Name);
        Assert.Multiple(() =>
        {
            Assert.That(byName["ThrowsInConstructor"].Status, Is.EqualTo(PluginStatus.Faulted));
            Assert.That(byName["ThrowsInConstructor"].Reason, Does.Contain("constructor threw InvalidOperationException: constructor exploded"));
            Assert.That(byName["ThrowsInStaticConstructor"].Status, Is.EqualTo(PluginStatus.Faulted));
            Assert.That(byName["ThrowsInStaticConstructor"].Reason, Does.Contain("static constructor exploded"));
            Assert.That(byName["ThrowsInLoad"].Status, Is.EqualTo(PluginStatus.Faulted));
            Assert.That(byName["ThrowsInLoad"].Reason, Does.Contain("load hook threw InvalidOperationException: load hook exploded"));
            Assert.That(byName["NeedsMissing"].Status, Is.EqualTo(PluginStatus.MissingDependency));
            Assert.That(byName["NeedsMissing"].Reason, Is.EqualTo("needs plugin NoSuchPlugin, which is not installed"));
            Assert.That(byName["NewerSdk"].Status, Is.EqualTo(PluginStatus.Incompatible));
            Assert.That(byName["NewerSdk"].Reason, Does.Contain("built against PatCode.Sdk 1.99.0, but this PatCode provides PatCode.Sdk 1.1.0"));
            Assert.That(byName["Alpha"].Status, Is.EqualTo(PluginStatus.Active));
        });

        var result = await host.Chain.RunAsync(PluginHostFixture.Request("hello"), CancellationToken.None);

        var runs = result.Runs.ToDictionary(r => r.Plugin);
        Assert.Multiple(() =>
        {
            Assert.That(runs["ThrowsInCanHandle"].Outcome, Is.EqualTo(PluginRunOutcome.Failed));
            Assert.That(runs["ThrowsInExecute"].Outcome, Is.EqualTo(PluginRunOutcome.Failed));
            Assert.That(runs["ReturnsNull"].Outcome, Is.EqualTo(PluginRunOutcome.Failed));
            Assert.That(runs["ReturnsNull"].Error, Is.EqualTo("returned no result"));
            Assert.That(runs["Hangs"].Outcome, Is.EqualTo(PluginRunOutcome.TimedOut));
            Assert.That(runs["Alpha"].Outcome, Is.EqualTo(PluginRunOutcome.Succeeded));
            Assert.That(result.Sections.Select(s => s.Plugin), Is.EqualTo(new[] { "Alpha" }));
        });
        Assert.That(string.Concat(result.Sections.Select(s => s.Content)), Does.Not.Contain("secret-token"), "exception text never reaches the prompt");
        Assert.That(Fixture.Logs.Entries.Any(e => e.Exception?.Message.Contains("secret-token-456", StringComparison.Ordinal) == true), Is.True, "the exception goes to the log");
    }

    [Test]
    public async Task APluginFailingThreeTimesInARow_IsFaultedAndSkipped_UntilEnabledAgain()
    {
        TestPlugins.Install("TestPlugins.Hostile", Fixture.TrustedRoot);
        var host = Fixture.Create(timeout: TimeSpan.FromMilliseconds(200));
        await host.StartAsync();

        for (var i = 0; i < 3; i++)
        {
            var run = await host.Chain.RunAsync(PluginHostFixture.Request("x"), CancellationToken.None);
            Assert.That(run.Runs.Select(r => r.Plugin), Does.Contain("ThrowsInExecute"), $"message {i + 1} still reaches it");
        }

        var fourth = await host.Chain.RunAsync(PluginHostFixture.Request("x"), CancellationToken.None);
        Assert.That(fourth.Runs.Select(r => r.Plugin), Does.Not.Contain("ThrowsInExecute"));
        Assert.That(fourth.Runs.Select(r => r.Plugin), Does.Not.Contain("Hangs"));

        await host.ReloadAsync();
        var entry = host.Entries.Single(e => e.Name == "ThrowsInExecute");
        Assert.That(entry.Status, Is.EqualTo(PluginStatus.Faulted));
        Assert.That(entry.Reason, Does.Contain("failed 3 times in a row"));

        Assert.That(await host.EnableAsync("ThrowsInExecute", load: true), Is.Null);
        Assert.That(host.Entries.Single(e => e.Name == "ThrowsInExecute").Status, Is.EqualTo(PluginStatus.Active));
        var afterEnable = await host.Chain.RunAsync(PluginHostFixture.Request("x"), CancellationToken.None);
        Assert.That(afterEnable.Runs.Select(r => r.Plugin), Does.Contain("ThrowsInExecute"));
    }
}
