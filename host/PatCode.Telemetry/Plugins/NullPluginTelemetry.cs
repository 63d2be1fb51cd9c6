using PatCode.Sdk;

namespace PatCode.Telemetry.Plugins;

/// <summary>What plugins get when telemetry is off: every call does nothing.</summary>
internal sealed class NullPluginTelemetry(string pluginName) : IScopedPluginTelemetry
{
    public string PluginName { get; } = pluginName;

    public void Increment(string name, long delta = 1)
    {
    }

    public void SetGauge(string name, double value)
    {
    }

    public void RecordDuration(string name, TimeSpan elapsed)
    {
    }

    public void RecordEvent(string name, TelemetryLevel level = TelemetryLevel.Info, IReadOnlyDictionary<string, object?>? metadata = null)
    {
    }

    public void Dispose()
    {
    }
}
