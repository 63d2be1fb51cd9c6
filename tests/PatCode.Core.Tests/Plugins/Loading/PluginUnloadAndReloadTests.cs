using System.Runtime.CompilerServices;

namespace PatCode.Core.Tests.Plugins.Loading;

public sealed class PluginUnloadAndReloadTests : PluginHostTestBase
{
    [Test]
    public async Task AnUnloadedPlugin_IsCollected()
    {
        TestPlugins.Install("TestPlugins.Alpha", Fixture.TrustedRoot);
        TestPlugins.Install("TestPlugins.Beta", Fixture.TrustedRoot);
        var host = Fixture.Create();
        await host.StartAsync();
        await RunOnceAsync(host, "beta");

        var context = ContextOf(host, "Beta");
        Assert.That(context.IsAlive, Is.True);

        await host.DisableAsync("Beta", unload: true);

        Assert.That(WaitForCollection(context), Is.True, "the plugin's load context was collected");
        Assert.That(host.ActivePlugins.Select(p => p.Name), Is.EqualTo(new[] { "Alpha" }));
    }

    [Test]
    public async Task Reload_LoadsAddedPlugins_ReplacesChangedOnes_AndUnloadsRemovedOnes()
    {
        var host = Fixture.Create();
        var news = new List<string>();
        host.Notify = news.Add;
        await host.StartAsync();
        Assert.That(await SectionsAsync(host), Is.Empty);

        var swap = TestPlugins.Install("TestPlugins.Swap.V1", Fixture.TrustedRoot, "Swap");
        await host.ReloadAsync();
        Assert.That(await SectionsAsync(host), Is.EqualTo(new[] { "swap v1" }), "added");

        var v1Context = ContextOf(host, "Swap");
        TestPlugins.CopyDirectory(TestPlugins.Built("TestPlugins.Swap.V2"), swap);
        await host.ReloadAsync();
        Assert.That(await SectionsAsync(host), Is.EqualTo(new[] { "swap v2" }), "replaced");
        Assert.That(WaitForCollection(v1Context), Is.True, "the replaced version was collected");

        Directory.Delete(swap, recursive: true);
        await host.ReloadAsync();
        Assert.That(await SectionsAsync(host), Is.Empty, "removed");
        Assert.That(host.Entries, Is.Empty);
        Assert.That(news, Is.EqualTo(new[] { "plugin Swap 1.0.0 loaded", "plugin Swap reloading", "plugin Swap 2.0.0 loaded", "plugin Swap unloaded" }), "the REPL is told what hot reload did");
    }

    [Test]
    public async Task TheLoadsOfTheStart_AreLoggedAtDebug_ALoadLaterInTheSessionAtInformation()
    {
        TestPlugins.Install("TestPlugins.Alpha", Fixture.TrustedRoot);
        var host = Fixture.Create();
        await host.StartAsync();
        await host.DisableAsync("Alpha", unload: true);
        Assert.That(await host.EnableAsync("Alpha", load: true), Is.Null);

        var loads = Fixture.Logs.Entries.Where(e => e.Message.StartsWith("Loaded plugin Alpha", StringComparison.Ordinal)).Select(e => e.Level);
        Assert.That(loads, Is.EqualTo(new[] { Microsoft.Extensions.Logging.LogLevel.Debug, Microsoft.Extensions.Logging.LogLevel.Information }));
    }

    [Test]
    public async Task ABuiltin_LoadsForGoodTheFirstTime_SoReadyToRunCodeRuns_AndCollectiblyWhenLoadedAgain()
    {
        TestPlugins.Install("TestPlugins.Alpha", Fixture.BuiltinRoot);
        TestPlugins.Install("TestPlugins.Beta", Fixture.TrustedRoot);
        var host = Fixture.Create();
        await host.StartAsync();

        Assert.That(IsCollectible(host, "Alpha"), Is.False, "a built-in's first load lasts as long as the process");
        Assert.That(IsCollectible(host, "Beta"), Is.True, "any other plugin can be unloaded");

        await host.DisableAsync("Alpha", unload: true);
        Assert.That(await host.EnableAsync("Alpha", load: true), Is.Null);
        Assert.That(IsCollectible(host, "Alpha"), Is.True, "loaded again: collectible, so toggling it does not pile up contexts");
        Assert.That(await SectionsAsync(host), Is.EqualTo(new[] { "alpha saw: hi" }), "the reloaded built-in runs");
    }

    internal static async Task<IReadOnlyList<string>> SectionsAsync(PluginHost host) =>
        (await host.Chain.RunAsync(PluginHostFixture.Request("hi"), CancellationToken.None)).Sections.Select(s => s.Content).ToList();

    internal static bool WaitForCollection(WeakReference reference)
    {
        for (var i = 0; i < 50 && reference.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Thread.Sleep(20);
        }

        return !reference.IsAlive;
    }

    // Not inlined so no local in the test method keeps the context alive.
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static WeakReference ContextOf(PluginHost host, string name) => host.ActivePlugins.Single(p => p.Name == name).LoadContext;

    private static bool IsCollectible(PluginHost host, string name) =>
        ((System.Runtime.Loader.AssemblyLoadContext)ContextOf(host, name).Target!).IsCollectible;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task RunOnceAsync(PluginHost host, string input) =>
        await host.Chain.RunAsync(PluginHostFixture.Request(input), CancellationToken.None);
}
