using PatCode.Core.Plugins;
using PatCode.Sdk;

namespace PatCode.Core.Services;

/// <summary>
/// Gives each plugin a partition of a cache and a telemetry scope of its own, both made by what the
/// composition root configured.
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

    public IPluginServices CreateFor(string pluginName) => new ScopedServices(_cacheFor(pluginName), _telemetryFor(pluginName));

    private sealed class ScopedServices(IResponseCache cache, IPluginTelemetry telemetry) : IPluginServices, IDisposable
    {
        public IResponseCache Cache { get; } = cache;

        public IPluginTelemetry Telemetry { get; } = telemetry;

        public void Dispose() => (Telemetry as IDisposable)?.Dispose();
    }
}
