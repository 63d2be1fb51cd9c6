using Microsoft.Extensions.Logging;
using PatCode.Core.Plugins;
using PatCode.Sdk;

namespace PatCode.Core.Services;

/// <summary>
/// Gives each plugin a partition of a cache and a telemetry scope of its own. The cache is whatever the
/// composition root configured (the in-memory one by default); telemetry is a per-plugin meter.
/// </summary>
public sealed class DefaultPluginServiceFactory : IPluginServiceFactory
{
    private readonly Func<string, IResponseCache> _cacheFor;
    private readonly Func<string, IPluginTelemetry> _telemetryFor;

    public DefaultPluginServiceFactory(Func<string, IResponseCache> cacheFor, Func<string, IPluginTelemetry> telemetryFor)
    {
        _cacheFor = cacheFor;
        _telemetryFor = telemetryFor;
    }

    /// <summary>In-memory cache and per-plugin meters: everything works with no configuration at all.</summary>
    public static DefaultPluginServiceFactory InMemory(ILoggerFactory loggers, TimeProvider time)
    {
        var cache = new InMemoryResponseCache(time, TimeSpan.FromHours(24));
        return new DefaultPluginServiceFactory(cache.Partition, name => new MeterPluginTelemetry(name, loggers.CreateLogger(name)));
    }

    public IPluginServices CreateFor(string pluginName) => new ScopedServices(_cacheFor(pluginName), _telemetryFor(pluginName));

    private sealed class ScopedServices(IResponseCache cache, IPluginTelemetry telemetry) : IPluginServices, IDisposable
    {
        public IResponseCache Cache { get; } = cache;

        public IPluginTelemetry Telemetry { get; } = telemetry;

        public void Dispose() => (Telemetry as IDisposable)?.Dispose();
    }
}
