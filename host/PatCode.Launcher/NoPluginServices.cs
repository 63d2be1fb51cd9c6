using PatCode.Core.Plugins;
using PatCode.Sdk;

namespace PatCode.Launcher;

/// <summary>The listing loads no plugin, so no plugin ever asks for the cache or telemetry here.</summary>
internal sealed class NoPluginServices : IPluginServiceFactory
{
    public IPluginServices CreateFor(string pluginName) =>
        throw new InvalidOperationException($"The native front end runs no plugin code ({pluginName} asked for its services).");
}
