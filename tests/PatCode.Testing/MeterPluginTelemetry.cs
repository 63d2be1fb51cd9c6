using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using PatCode.Core.Diagnostics;
using PatCode.Sdk;

namespace PatCode.Testing;

/// <summary>
/// A plugin's telemetry on a Meter of its own ("PatCode.Plugins.&lt;name&gt;"), instruments named
/// "patcode.plugin.&lt;name&gt;.&lt;metric&gt;" (see <see cref="PluginMetricNames"/>) and tagged plugin=&lt;name&gt;.
/// Events go to the plugin's log. Disposing it removes the plugin's instruments when it unloads. What tests and
/// benchmarks give loaded plugins instead of the full telemetry service's scoped telemetry.
/// </summary>
internal sealed class MeterPluginTelemetry : IPluginTelemetry, IDisposable
{
    private readonly Meter _meter;
    private readonly string _plugin;
    private readonly KeyValuePair<string, object?> _tag;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Counter<long>> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Gauge<double>> _gauges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Histogram<double>> _timers = new(StringComparer.Ordinal);

    public MeterPluginTelemetry(string pluginName, ILogger logger)
    {
        _plugin = pluginName;
        _meter = PluginInstruments.CreateMeter(pluginName);
        _tag = new(PluginMetricNames.PluginTag, pluginName);
        _logger = logger;
    }

    public void Increment(string name, long delta = 1) =>
        _counters.GetOrAdd(name, n => PluginInstruments.Counter(_meter, _plugin, n)).Add(delta, _tag);

    public void SetGauge(string name, double value) =>
        _gauges.GetOrAdd(name, n => PluginInstruments.Gauge(_meter, _plugin, n)).Record(value, _tag);

    public void RecordDuration(string name, TimeSpan elapsed) =>
        _timers.GetOrAdd(name, n => PluginInstruments.Timer(_meter, _plugin, n)).Record(elapsed.TotalSeconds, _tag);

    public void RecordEvent(string name, TelemetryLevel level = TelemetryLevel.Info, IReadOnlyDictionary<string, object?>? metadata = null)
    {
        var logLevel = level switch
        {
            TelemetryLevel.Error => LogLevel.Error,
            TelemetryLevel.Warning => LogLevel.Warning,
            _ => LogLevel.Information,
        };
        _logger.Log(logLevel, "Event {Event} {@Metadata}", name, metadata);
    }

    public void Dispose() => _meter.Dispose();
}
