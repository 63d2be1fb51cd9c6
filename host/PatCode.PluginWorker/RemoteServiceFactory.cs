using PatCode.Core.Plugins;
using PatCode.Core.Plugins.Loading.Workers.Protocol;
using PatCode.Sdk;

namespace PatCode.PluginWorker;

/// <summary>The plugin's services in the worker: each call goes to the same service in patcode, scoped there to the plugin.</summary>
internal sealed class RemoteServiceFactory(RemoteCalls calls) : IPluginServiceFactory
{
    public IPluginServices CreateFor(string pluginName) => new Services(new Cache(calls), new Telemetry(calls));

    private sealed record Services(IResponseCache Cache, IPluginTelemetry Telemetry) : IPluginServices;

    private sealed class Cache(RemoteCalls calls) : IResponseCache
    {
        public async ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default) =>
            await calls.CallAsync<string?>(WorkerProtocol.CacheGet, key, cancellationToken);

        public async ValueTask SetAsync(string key, string value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
            await calls.CallAsync(WorkerProtocol.CacheSet, new WorkerCacheEntry(key, value, timeToLive is { } ttl ? (long)ttl.TotalMilliseconds : null), cancellationToken);

        public async ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default) =>
            await calls.CallAsync<bool>(WorkerProtocol.CacheRemove, key, cancellationToken);
    }

    private sealed class Telemetry(RemoteCalls calls) : IPluginTelemetry
    {
        public void Increment(string name, long delta = 1) => calls.Notify(WorkerProtocol.TelemetryIncrement, name, delta);

        public void SetGauge(string name, double value) => calls.Notify(WorkerProtocol.TelemetryGauge, name, value);

        public void RecordDuration(string name, TimeSpan elapsed) => calls.Notify(WorkerProtocol.TelemetryDuration, name, elapsed.TotalMilliseconds);

        public void RecordEvent(string name, TelemetryLevel level = TelemetryLevel.Info, IReadOnlyDictionary<string, object?>? metadata = null) =>
            calls.Notify(WorkerProtocol.TelemetryEvent, new WorkerTelemetryEvent(name, level, WorkerValues.ToWire(metadata)));
    }
}
