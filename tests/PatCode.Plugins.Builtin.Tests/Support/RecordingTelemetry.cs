using System.Collections.Concurrent;
using PatCode.Sdk;

namespace PatCode.Plugins.Builtin.Tests.Support;

/// <summary>Keeps every counter, gauge and duration a plugin reports.</summary>
internal sealed class RecordingTelemetry : IPluginTelemetry
{
    public ConcurrentDictionary<string, long> Counters { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, double> Gauges { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Durations { get; } = new();

    public ConcurrentQueue<string> Events { get; } = new();

    public void Increment(string name, long delta = 1) => Counters.AddOrUpdate(name, delta, (_, value) => value + delta);

    public void SetGauge(string name, double value) => Gauges[name] = value;

    public void RecordDuration(string name, TimeSpan elapsed) => Durations.Enqueue(name);

    public void RecordEvent(string name, TelemetryLevel level = TelemetryLevel.Info, IReadOnlyDictionary<string, object?>? metadata = null) => Events.Enqueue(name);
}
