using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Core.Plugins;
using PatCode.Core.Services;

namespace PatCode.Benchmarks.Chat;

/// <summary>
/// The real plugin chain over real loaded plugins: the Alpha, Beta and Zulu (TestPlugins.Last) test plugins, which each add a
/// section (Beta also uses the cache). The built-in plugins are not in the repository yet; when they are,
/// load them here instead, so the figure reflects "the built-in plugins active".
/// </summary>
internal sealed class TestPluginChain : IAsyncDisposable
{
    private static readonly string[] PluginNames = ["Alpha", "Beta", "Zulu"];
    private readonly List<LoadedPlugin> _plugins;

    private TestPluginChain(List<LoadedPlugin> plugins)
    {
        _plugins = plugins;
        Chain = new PluginChain(() => _plugins, () => TimeSpan.FromSeconds(2), (_, _) => { }, NullLogger.Instance);
    }

    public IPluginChain Chain { get; }

    public static async Task<TestPluginChain> LoadAsync()
    {
        var services = DefaultPluginServiceFactory.InMemory(NullLoggerFactory.Instance, TimeProvider.System);
        var discovered = PluginDiscovery.Discover([new PluginRoot(BenchPaths.TestPlugins, PluginSource.Development)])
            .Where(p => PluginNames.Contains(p.Name, StringComparer.Ordinal))
            .ToList();
        if (discovered.Count != PluginNames.Length)
        {
            throw new InvalidOperationException($"Test plugins {string.Join(", ", PluginNames)} are not all built under {BenchPaths.TestPlugins}.");
        }

        var loaded = new List<LoadedPlugin>();
        foreach (var plugin in discovered)
        {
            loaded.Add(await PluginActivator.LoadAsync(plugin, services, NullLoggerFactory.Instance, TimeSpan.FromSeconds(5), CancellationToken.None));
        }

        return new TestPluginChain(loaded);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var plugin in _plugins)
        {
            await PluginActivator.UnloadAsync(plugin, TimeSpan.FromSeconds(5), NullLogger.Instance);
        }
    }
}
