namespace PatCode.Telemetry.Plugins;

/// <summary>Hands each plugin its own telemetry: a meter named PatCode.Plugins.&lt;name&gt;, metrics prefixed and tagged with the name.</summary>
public interface IPluginTelemetryFactory
{
    /// <summary>Creates the telemetry for <paramref name="pluginName"/>; the caller disposes it when the plugin unloads.</summary>
    IScopedPluginTelemetry ForPlugin(string pluginName);
}
