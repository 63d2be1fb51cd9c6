using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using PatCode.Sdk;

namespace PatCode.Core.Services;

/// <summary>
/// A plugin's telemetry on a Meter of its own ("PatCode.Plugins.&lt;name&gt;"), instruments named
/// "&lt;name&gt;.&lt;metric&gt;" and tagged plugin=&lt;name&gt;. Events go to the plugin's log. The full telemetry
/// service aggregates these meters; disposing this one removes the plugin's instruments when it unloads.
/// </summary>
public sealed class MeterPluginTelemetry : IPluginTelemetry, IDisposable
{
    private readonly Meter _meter;
    private readonly string _prefix;
    private readonly KeyValuePair<string, object?> _tag;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Counter<long>> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Gauge<double>> _gauges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Histogram<double>> _timers = new(StringComparer.Ordinal);

    public MeterPluginTelemetry(string pluginName, ILogger logger)
    {
        _meter = new Meter($"PatCode.Plugins.{pluginName}");
        _prefix = pluginName + ".";
        _tag = new("plugin", pluginName);
        _logger = logger;
    }

    public void Increment(string name, long delta = 1) =>
        _counters.GetOrAdd(name, n => _meter.CreateCounter<long>(_prefix + n)).Add(delta, _tag);

    public void SetGauge(string name, double value) =>
        _gauges.GetOrAdd(name, n => _meter.CreateGauge<double>(_prefix + n)).Record(value, _tag);

    public void RecordDuration(string name, TimeSpan elapsed) =>
        _timers.GetOrAdd(name, n => _meter.CreateHistogram<double>(_prefix + n, unit: "ms")).Record(elapsed.TotalMilliseconds, _tag);

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
