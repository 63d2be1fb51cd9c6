using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PatCode.Core.Diagnostics;
using PatCode.Sdk;
using PatCode.Telemetry.Events;

namespace PatCode.Telemetry.Plugins;

/// <summary>
/// <see cref="IPluginTelemetry"/> for one plugin on its own meter <c>PatCode.Plugins.&lt;name&gt;</c>:
/// instruments are named <c>patcode.plugin.&lt;name&gt;.&lt;metric&gt;</c> (<see cref="PluginMetricNames"/>),
/// timers are in seconds, and every measurement carries <c>plugin=&lt;name&gt;</c>.
/// Instruments are created once per metric name; the last one used is remembered by reference so a
/// call site with a literal name skips even the dictionary lookup.
/// </summary>
internal sealed class PluginTelemetry : IScopedPluginTelemetry
{
    private readonly Meter _meter;
    private readonly EventLog _events;
    private readonly KeyValuePair<string, object?> _pluginTag;
    private readonly ConcurrentDictionary<string, Named<Counter<long>>> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Gauge<double>> _gauges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Named<Histogram<double>>> _timers = new(StringComparer.Ordinal);
    private Named<Counter<long>>? _lastCounter;
    private Named<Histogram<double>>? _lastTimer;
    private volatile bool _disposed;

    public PluginTelemetry(string pluginName, EventLog events)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginName);
        PluginName = pluginName;
        _events = events;
        _pluginTag = new KeyValuePair<string, object?>(PluginMetricNames.PluginTag, pluginName);
        _meter = PluginInstruments.CreateMeter(pluginName);
    }

    public string PluginName { get; }

    public string MeterName => _meter.Name;

    public void Increment(string name, long delta = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delta);
        if (_disposed)
        {
            return;
        }

        var last = _lastCounter;
        var counter = last is not null && ReferenceEquals(last.Name, name) ? last.Instrument : CounterFor(name);
        counter.Add(delta, _pluginTag);
    }

    public void SetGauge(string name, double value)
    {
        if (_disposed)
        {
            return;
        }

        _gauges.GetOrAdd(name, static (n, self) => PluginInstruments.Gauge(self._meter, self.PluginName, n), this).Record(value, _pluginTag);
    }

    public void RecordDuration(string name, TimeSpan elapsed)
    {
        if (_disposed)
        {
            return;
        }

        var last = _lastTimer;
        var timer = last is not null && ReferenceEquals(last.Name, name) ? last.Instrument : TimerFor(name);
        timer.Record(elapsed.TotalSeconds, _pluginTag);
    }

    public void RecordEvent(string name, TelemetryLevel level = TelemetryLevel.Info, IReadOnlyDictionary<string, object?>? metadata = null)
    {
        if (!_disposed)
        {
            _events.Record(PluginName, name, level, metadata);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _lastCounter = null;
        _lastTimer = null;
        _meter.Dispose();
    }

    private Counter<long> CounterFor(string name)
    {
        var entry = _counters.GetOrAdd(name, static (n, self) => new(n, PluginInstruments.Counter(self._meter, self.PluginName, n)), this);
        if (!_disposed)
        {
            _lastCounter = entry;
        }

        return entry.Instrument;
    }

    private Histogram<double> TimerFor(string name)
    {
        var entry = _timers.GetOrAdd(name, static (n, self) => new(n, PluginInstruments.Timer(self._meter, self.PluginName, n)), this);
        if (!_disposed)
        {
            _lastTimer = entry;
        }

        return entry.Instrument;
    }

    /// <summary>An instrument with the name it was asked for; swapped in as one reference, so a racing reader never pairs a name with another's instrument.</summary>
    private sealed record Named<T>(string Name, T Instrument);
}
