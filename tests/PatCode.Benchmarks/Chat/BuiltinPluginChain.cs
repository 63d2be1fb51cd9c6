using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Core.Plugins;
using PatCode.Core.Plugins.Chain;
using PatCode.Core.Plugins.Discovery;
using PatCode.Core.Plugins.Loading;
using PatCode.Testing;

namespace PatCode.Benchmarks.Chat;

/// <summary>
/// The real plugin chain over the real built-in plugins (CodeExplainer, FileAnalyzer, GitHelper), loaded from
/// the build's artifacts/plugins/&lt;Configuration&gt;/builtin the way the host loads them.
/// </summary>
internal sealed class BuiltinPluginChain : IAsyncDisposable
{
    private readonly List<LoadedPlugin> _plugins;

    private BuiltinPluginChain(List<LoadedPlugin> plugins)
    {
        _plugins = plugins;
        Chain = new PluginChain(() => _plugins, () => new ChainBudget(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2)), (_, _) => null, NullLogger.Instance);
    }

    public IPluginChain Chain { get; }

    public IReadOnlyList<string> Names => _plugins.Select(p => p.Name).ToList();

    /// <summary>Where the build put the built-ins: beside the test plugins, in the same configuration's folder.</summary>
    public static string Directory { get; } = Path.Combine(Path.GetDirectoryName(BenchPaths.TestPlugins.TrimEnd('/', '\\'))!, "builtin");

    public static async Task<BuiltinPluginChain> LoadAsync()
    {
        var services = InMemoryPluginServices.Create(NullLoggerFactory.Instance, TimeProvider.System);
        var discovered = PluginDiscovery.Discover([new PluginRoot(Directory, PluginSource.Builtin)]);
        if (discovered.Count == 0)
        {
            throw new InvalidOperationException($"No built-in plugins under {Directory}; build the benchmarks (they build PatCode.Cli, which builds the built-ins).");
        }

        var loaded = new List<LoadedPlugin>();
        foreach (var plugin in discovered)
        {
            loaded.Add(new LoadedPlugin(plugin, await PluginActivator.LoadAsync(plugin.Name, plugin.AssemblyPath!, collectible: false, services, NullLoggerFactory.Instance, TimeSpan.FromSeconds(5), marker: null, CancellationToken.None)));
        }

        return new BuiltinPluginChain(loaded);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var plugin in _plugins)
        {
            await plugin.Invoker.UnloadAsync(TimeSpan.FromSeconds(5));
        }
    }
}
