namespace PatCode.Sdk;

/// <summary>The services the host provides to a plugin, each scoped to that plugin.</summary>
public interface IPluginServices
{
    /// <summary>The response cache, in a partition of the plugin's own.</summary>
    IResponseCache Cache { get; }

    /// <summary>Telemetry whose metric names are prefixed with, and tagged by, the plugin's name.</summary>
    IPluginTelemetry Telemetry { get; }
}
