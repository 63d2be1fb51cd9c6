namespace PatCode.Sdk;

/// <summary>
/// Telemetry for one plugin: metric names are prefixed with the plugin's name and tagged with it.
/// Nothing leaves the machine unless the user configures an exporter.
/// </summary>
public interface IPluginTelemetry
{
    /// <summary>Adds <paramref name="delta"/> to the counter <paramref name="name"/>.</summary>
    /// <param name="name">The counter's name, without the plugin prefix.</param>
    /// <param name="delta">How much to add; must not be negative.</param>
    void Increment(string name, long delta = 1);

    /// <summary>Sets the gauge <paramref name="name"/> to <paramref name="value"/>.</summary>
    /// <param name="name">The gauge's name, without the plugin prefix.</param>
    /// <param name="value">The current value.</param>
    void SetGauge(string name, double value);

    /// <summary>Records one measurement of the timer <paramref name="name"/>.</summary>
    /// <param name="name">The timer's name, without the plugin prefix.</param>
    /// <param name="elapsed">How long it took.</param>
    void RecordDuration(string name, TimeSpan elapsed);

    /// <summary>Records an event; values that look like secrets are redacted by the host.</summary>
    /// <param name="name">The event's name.</param>
    /// <param name="level">How serious it is.</param>
    /// <param name="metadata">Optional details.</param>
    void RecordEvent(string name, TelemetryLevel level = TelemetryLevel.Info, IReadOnlyDictionary<string, object?>? metadata = null);

    /// <summary>Starts a timer that records its duration when disposed: <c>using (telemetry.StartTimer("parse")) { … }</c>.</summary>
    /// <param name="name">The timer's name, without the plugin prefix.</param>
    /// <returns>The running timer; it does not allocate.</returns>
    TimerScope StartTimer(string name) => new(this, name);
}
