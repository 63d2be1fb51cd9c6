using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Core.Plugins;
using PatCode.Core.Plugins.Chain;
using PatCode.Core.Plugins.Discovery;
using PatCode.Core.Plugins.Loading;
using PatCode.Testing;

namespace PatCode.Benchmarks.Plugins;

/// <summary>
/// chain.dispatch_3_ns and chain.dispatch_50_ns: one message through 3 and 50 real loaded plugins that do not
/// handle it (the Stopper test plugin only handles "stop"), with timing and metrics as in production.
/// </summary>
public class ChainDispatchBenchmarks
{
    private static readonly ChainRequest Request = new("explain this function please", "/tmp", [], []);
    private LoadedPlugin _plugin = null!;
    private PluginChain _three = null!;
    private PluginChain _fifty = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var discovered = PluginDiscovery.Discover([new PluginRoot(BenchPaths.TestPlugins, PluginSource.Development)]).Single(p => p.Name == "Stopper");
        var invoker = await PluginActivator.LoadAsync(discovered.Name, discovered.AssemblyPath!, collectible: true, InMemoryPluginServices.Create(NullLoggerFactory.Instance, TimeProvider.System), NullLoggerFactory.Instance, TimeSpan.FromSeconds(5), marker: null, CancellationToken.None);
        _plugin = new LoadedPlugin(discovered, invoker);
        _three = Chain(3);
        _fifty = Chain(50);
    }

    [Benchmark(Description = "chain.dispatch_3_ns")]
    public Task<ChainResult> Three() => _three.RunAsync(Request, CancellationToken.None);

    [Benchmark(Description = "chain.dispatch_50_ns")]
    public Task<ChainResult> Fifty() => _fifty.RunAsync(Request, CancellationToken.None);

    [GlobalCleanup]
    public async Task Cleanup() => await _plugin.Invoker.UnloadAsync(TimeSpan.FromSeconds(5));

    private PluginChain Chain(int count)
    {
        var plugins = Enumerable.Repeat(_plugin, count).ToArray();
        return new PluginChain(() => plugins, () => new ChainBudget(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2)), (_, _) => null, NullLogger.Instance);
    }
}
