using System.Collections.Concurrent;

namespace PatCode.Sdk.Testing;

/// <summary>An <see cref="IPluginTelemetry"/> that keeps everything a plugin reports.</summary>
public sealed class RecordingTelemetry : IPluginTelemetry
{
    private readonly ConcurrentQueue<TelemetryEventRecord> _events = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<TimeSpan>> _durations = new(StringComparer.Ordinal);

    /// <summary>Each counter's total.</summary>
    public ConcurrentDictionary<string, long> Counters { get; } = new(StringComparer.Ordinal);

    /// <summary>Each gauge's last value.</summary>
    public ConcurrentDictionary<string, double> Gauges { get; } = new(StringComparer.Ordinal);

    /// <summary>Every event, in order.</summary>
    public IReadOnlyList<TelemetryEventRecord> Events => [.. _events];

    /// <summary>The measurements of the timer <paramref name="name"/>, in order; empty when it never ran.</summary>
    /// <param name="name">The timer's name.</param>
    /// <returns>The recorded durations.</returns>
    public IReadOnlyList<TimeSpan> Durations(string name) => _durations.TryGetValue(name, out var values) ? [.. values] : [];

    /// <inheritdoc/>
    public void Increment(string name, long delta = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delta);
        Counters.AddOrUpdate(name, delta, (_, value) => value + delta);
    }

    /// <inheritdoc/>
    public void SetGauge(string name, double value) => Gauges[name] = value;

    /// <inheritdoc/>
    public void RecordDuration(string name, TimeSpan elapsed) => _durations.GetOrAdd(name, static _ => new()).Enqueue(elapsed);

    /// <inheritdoc/>
    public void RecordEvent(string name, TelemetryLevel level = TelemetryLevel.Info, IReadOnlyDictionary<string, object?>? metadata = null) =>
        _events.Enqueue(new TelemetryEventRecord(name, level, metadata ?? new Dictionary<string, object?>()));
}
