using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Core.Plugins.Trust;

namespace PatCode.Core.Tests.Plugins.Trust;

public sealed class PluginStateStoreTests
{
    private TemporaryDirectory _temp = null!;

    private string StateFile => _temp.Combine("plugins.json");

    [SetUp]
    public void SetUp() => _temp = new TemporaryDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [TestCase("""{ "version": 1, "plugins": { "Alpha": { "enabled": true }, "Alpha": { "enabled": false } } }""", "Duplicate")]
    [TestCase("""{ "version": 1, "plugins": { "Alpha": { "enabled": true }, "alpha": { "enabled": false } } }""", "plugin alpha appears twice")]
    [TestCase("""{ "plugins": {}, "plugins": {} }""", "Duplicate")]
    [TestCase("""{ "version": 1, "plugins": { "..": { "enabled": true } } }""", "'..' is not a valid plugin name")]
    [TestCase("""{ "version": 1, "plugins": { "Alpha": { "enabled": "yes" } } }""", "has no true or false \"enabled\"")]
    [TestCase("""{ "version": 1, "plugins": { "Alpha": { "enabled": true, "sha256": 5 } } }""", "\"sha256\" of Alpha is not a string")]
    [TestCase("""{ "version": 1, "plugins": { "Alpha": [] } }""", "the entry for Alpha is not an object")]
    [TestCase("""{ "version": 1, "plugins": [] }""", "no \"plugins\" object")]
    [TestCase("""[]""", "no \"plugins\" object")]
    [TestCase("null", "no \"plugins\" object")]
    [TestCase("", "")]
    [TestCase("{ not json", "")]
    public void AMalformedFile_IsMovedAsideWithAWarning_NeverAnException(string contents, string reason)
    {
        File.WriteAllText(StateFile, contents);

        var store = new PluginStateStore(StateFile, NullLogger.Instance);

        Assert.That(store.Warning, Does.StartWith($"{StateFile} could not be read (").And.Contain(reason).And.Contain("it was moved to").And.EndWith("need enabling again"));
        Assert.That(store.Warning, Does.Not.Contain("\n"));
        var aside = Directory.GetFiles(_temp.Path, "plugins.json.corrupt-*");
        Assert.That(aside, Has.Length.EqualTo(1));
        Assert.That(File.ReadAllText(aside[0]), Is.EqualTo(contents), "nothing is lost");
        Assert.That(store.Get("Alpha"), Is.Null);

        store.Set("Alpha", new PluginState(true));
        Assert.That(new PluginStateStore(StateFile, NullLogger.Instance).Get("Alpha"), Is.EqualTo(new PluginState(true)), "the next write starts a good file");
    }

    [Test]
    public void EveryField_ComesBackAsWritten_AndAPackageOnlyEntryIsNoChoice()
    {
        var crashedAt = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.FromHours(1));
        var state = new PluginState(true, "hash", "/plugins/Alpha") { Isolation = PluginIsolation.Process, Fault = "its worker crashed 3 times", Crashes = [crashedAt] };
        var package = new PluginProvenance("Acme.Alpha", "1.2.0", "/feed", "c2hh", "unsigned", null);
        var store = new PluginStateStore(StateFile, NullLogger.Instance);
        store.Set("Alpha", state);
        store.SetProvenance("Alpha", package);
        store.SetProvenance("Beta", package with { PackageId = "Acme.Beta" });

        var onDisk = new PluginStateStore(StateFile, NullLogger.Instance);

        Assert.That(onDisk.Warning, Is.Null);
        Assert.That(onDisk.Get("Alpha"), Is.EqualTo(state));
        Assert.That(onDisk.GetProvenance("Alpha"), Is.EqualTo(package));
        Assert.That(onDisk.Get("Beta"), Is.Null, "recording where a plugin came from does not enable or disable it");
        Assert.That(onDisk.GetProvenance("Beta")!.PackageId, Is.EqualTo("Acme.Beta"));

        onDisk.SetProvenance("Alpha", null);
        Assert.That(new PluginStateStore(StateFile, NullLogger.Instance).Get("Alpha"), Is.EqualTo(state), "forgetting the package keeps the choice");
    }

    [TestCase("""{ "version": 1, "plugins": { "Alpha": { "enabled": true, "isolation": "sideways" } } }""", "neither process nor in-process")]
    [TestCase("""{ "version": 1, "plugins": { "Alpha": { "enabled": true, "crashes": ["yesterday"] } } }""", "holds something other than a time")]
    [TestCase("""{ "version": 1, "plugins": { "Alpha": { "enabled": true, "package": { "version": "1.0.0" } } } }""", "has no \"id\"")]
    public void AMalformedNewerField_IsMovedAside_Too(string contents, string reason)
    {
        File.WriteAllText(StateFile, contents);

        var store = new PluginStateStore(StateFile, NullLogger.Instance);

        Assert.That(store.Warning, Does.Contain(reason));
        Assert.That(store.Get("Alpha"), Is.Null);
    }

    [Test]
    public void AChangeFromAnotherStore_IsNotUndone_WhenThisOneWritesNext()
    {
        var repl = new PluginStateStore(StateFile, NullLogger.Instance);
        repl.Set("Alpha", new PluginState(true, "hash", "/plugins/Alpha"));
        var otherTerminal = new PluginStateStore(StateFile, NullLogger.Instance);

        otherTerminal.Set("Alpha", new PluginState(false));
        repl.Set("Beta", new PluginState(true));

        var onDisk = new PluginStateStore(StateFile, NullLogger.Instance);
        Assert.That(onDisk.Get("Alpha"), Is.EqualTo(new PluginState(false)), "the other terminal's disable survived");
        Assert.That(onDisk.Get("Beta"), Is.EqualTo(new PluginState(true)));
        Assert.That(repl.Get("Alpha"), Is.EqualTo(new PluginState(false)), "the REPL's own view caught up");
    }

    [Test]
    public void Refresh_PicksUpAnotherProcesssChange()
    {
        var repl = new PluginStateStore(StateFile, NullLogger.Instance);
        new PluginStateStore(StateFile, NullLogger.Instance).Set("Alpha", new PluginState(false));

        Assert.That(repl.Get("Alpha"), Is.Null);
        repl.Refresh();
        Assert.That(repl.Get("Alpha"), Is.EqualTo(new PluginState(false)));
    }

    [Test]
    public void ManyWritersAtOnce_LoseNoChange()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => new PluginStateStore(StateFile, NullLogger.Instance)).ToList();

        Parallel.For(0, 80, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => stores[i % 4].Set($"P{i}", new PluginState(i % 2 == 0)));

        var onDisk = new PluginStateStore(StateFile, NullLogger.Instance);
        Assert.That(Enumerable.Range(0, 80).Where(i => onDisk.Get($"P{i}") != new PluginState(i % 2 == 0)), Is.Empty);
        Assert.That(Directory.GetFiles(_temp.Path), Is.EquivalentTo(new[] { StateFile, StateFile + ".lock" }), "no temporary files are left");
    }

    [Test]
    public async Task DisablingInAnotherHost_IsNotUndone_WhenTheRunningHostEnablesAnotherPlugin()
    {
        await using var fixture = new PluginHostFixture();
        TestPlugins.Install("TestPlugins.Alpha", fixture.UserRoot);
        TestPlugins.Install("TestPlugins.Stopper", fixture.UserRoot);
        var repl = fixture.Create();
        await repl.EnableAsync("Alpha", load: true);
        Assert.That(repl.Find("Alpha")!.Status, Is.EqualTo(PluginStatus.Active));

        var options = new PluginHostOptions([new PluginRoot(fixture.UserRoot, PluginSource.User)], fixture.StateFile);
        await using (var otherTerminal = new PluginHost(options, InMemoryPluginServices.Create(fixture.Logs, TimeProvider.System), fixture.Logs))
        {
            Assert.That(await otherTerminal.DisableAsync("Alpha", unload: false), Is.True);
        }

        await repl.EnableAsync("Stopper", load: true);

        Assert.That(repl.Find("Alpha")!.Status, Is.EqualTo(PluginStatus.Disabled), "the running host saw the other terminal's choice and unloaded Alpha");
        Assert.That(repl.Find("Stopper")!.Status, Is.EqualTo(PluginStatus.Active));
        Assert.That(File.ReadAllText(fixture.StateFile), Does.Match("\"Alpha\": \\{\\s*\"enabled\": false"));
    }
}
