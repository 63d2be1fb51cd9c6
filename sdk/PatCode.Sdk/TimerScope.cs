using System.Diagnostics;

namespace PatCode.Sdk;

/// <summary>A running timer from <see cref="IPluginTelemetry.StartTimer"/>; disposing it records the elapsed time once.</summary>
public readonly struct TimerScope : IDisposable, IEquatable<TimerScope>
{
    private readonly IPluginTelemetry? _telemetry;
    private readonly string? _name;
    private readonly long _startedAt;

    /// <summary>Starts timing <paramref name="name"/> for <paramref name="telemetry"/>.</summary>
    /// <param name="telemetry">Where the duration is recorded.</param>
    /// <param name="name">The timer's name.</param>
    public TimerScope(IPluginTelemetry telemetry, string name)
    {
        _telemetry = telemetry;
        _name = name;
        _startedAt = Stopwatch.GetTimestamp();
    }

    /// <summary>Records the time since the scope started.</summary>
    public void Dispose() => _telemetry?.RecordDuration(_name!, Stopwatch.GetElapsedTime(_startedAt));

    /// <inheritdoc/>
    public bool Equals(TimerScope other) => ReferenceEquals(_telemetry, other._telemetry) && _name == other._name && _startedAt == other._startedAt;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TimerScope other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_telemetry, _name, _startedAt);

    /// <summary>Whether two scopes are the same running timer.</summary>
    /// <param name="left">One scope.</param>
    /// <param name="right">The other.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(TimerScope left, TimerScope right) => left.Equals(right);

    /// <summary>Whether two scopes differ.</summary>
    /// <param name="left">One scope.</param>
    /// <param name="right">The other.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(TimerScope left, TimerScope right) => !left.Equals(right);
}
