using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Core.Plugins;
using PatCode.Core.Services;

namespace PatCode.Benchmarks.Plugins;

/// <summary>plugins.load_one_ms: load and compose one real plugin into its own context, warm (the runtime and MEF already used).</summary>
[InvocationCount(1, 1)]
public class PluginLoadBenchmarks
{
    private DiscoveredPlugin _plugin = null!;
    private DefaultPluginServiceFactory _services = null!;
    private LoadedPlugin? _loaded;

    [GlobalSetup]
    public void Setup()
    {
        _plugin = PluginDiscovery.Discover([new PluginRoot(BenchPaths.TestPlugins, PluginSource.Development)]).Single(p => p.Name == "Alpha");
        _services = DefaultPluginServiceFactory.InMemory(NullLoggerFactory.Instance, TimeProvider.System);
    }

    [Benchmark(Description = "plugins.load_one_ms")]
    public async Task LoadOne() =>
        _loaded = await PluginActivator.LoadAsync(_plugin, _services, NullLoggerFactory.Instance, TimeSpan.FromSeconds(5), CancellationToken.None);

    [IterationCleanup]
    public void Unload()
    {
        if (_loaded is not null)
        {
            PluginActivator.UnloadAsync(_loaded, TimeSpan.FromSeconds(5), NullLogger.Instance).GetAwaiter().GetResult();
            _loaded = null;
        }
    }
}
