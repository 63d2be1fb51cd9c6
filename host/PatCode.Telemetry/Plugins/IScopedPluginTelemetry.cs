using PatCode.Sdk;

namespace PatCode.Telemetry.Plugins;

/// <summary>
/// A plugin's telemetry, owned by the host: dispose it when the plugin unloads so its meter goes away.
/// It holds only strings and BCL instruments, never the plugin's objects, so it cannot keep the plugin's
/// AssemblyLoadContext alive.
/// </summary>
public interface IScopedPluginTelemetry : IPluginTelemetry, IDisposable
{
    /// <summary>The plugin's name, as given to <see cref="IPluginTelemetryFactory.ForPlugin"/>.</summary>
    string PluginName { get; }
}
