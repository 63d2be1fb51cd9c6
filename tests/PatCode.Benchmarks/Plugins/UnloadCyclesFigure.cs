using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Core.Plugins;
using PatCode.Core.Plugins.Chain;
using PatCode.Core.Plugins.Discovery;
using PatCode.Core.Plugins.Loading;
using PatCode.Core.Services;
using PatCode.Testing;

namespace PatCode.Benchmarks.Plugins;

/// <summary>plugins.unload_cycles_mb: managed memory growth after 100 load, run and unload cycles of a real plugin.</summary>
internal sealed class UnloadCyclesFigure : IFigureSource
{
    public IReadOnlyList<string> Names => ["plugins.unload_cycles_mb"];

    public IEnumerable<Figure> Measure()
    {
        var discovered = PluginDiscovery.Discover([new PluginRoot(BenchPaths.TestPlugins, PluginSource.Development)]).Single(p => p.Name == "Beta");
        var services = InMemoryPluginServices.Create(NullLoggerFactory.Instance, TimeProvider.System);
        Cycle(discovered, services, 5); // warm up: first-use caches are not growth
        var before = Settle();
        Cycle(discovered, services, 100);
        var after = Settle();
        yield return new Figure("plugins.unload_cycles_mb", Math.Round((after - before) / 1024.0 / 1024.0, 3), "MB");
    }

    private static void Cycle(DiscoveredPlugin plugin, DefaultPluginServiceFactory services, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var invoker = PluginActivator.LoadAsync(plugin.Name, plugin.AssemblyPath!, collectible: true, services, NullLoggerFactory.Instance, TimeSpan.FromSeconds(5), marker: null, CancellationToken.None).GetAwaiter().GetResult();
            var loaded = new LoadedPlugin(plugin, invoker);
            var chain = new PluginChain(() => [loaded], () => new ChainBudget(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2)), (_, _) => null, NullLogger.Instance);
            chain.RunAsync(new ChainRequest("beta", "/tmp", [], []), CancellationToken.None).GetAwaiter().GetResult();
            invoker.UnloadAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        }
    }

    private static long Settle()
    {
        for (var i = 0; i < 10; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Thread.Sleep(20);
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
