using PatCode.Sdk;

namespace PatCode.Core.Plugins;

/// <summary>
/// Creates the services one plugin sees (its cache partition, its scoped telemetry). The host disposes what
/// it returns when the plugin unloads, if it is <see cref="IDisposable"/>.
/// </summary>
public interface IPluginServiceFactory
{
    IPluginServices CreateFor(string pluginName);
}
