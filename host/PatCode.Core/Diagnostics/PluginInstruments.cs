using System.Diagnostics.Metrics;
using PatCode.Core.Security;

namespace PatCode.Core.Diagnostics;

/// <summary>
/// Creates the instruments behind a plugin's IPluginTelemetry, named by <see cref="PluginMetricNames"/>: one
/// meter per plugin, counters in <c>{count}</c>, timers in seconds, each with a description for Prometheus' HELP.
/// </summary>
public static class PluginInstruments
{
    public static Meter CreateMeter(string plugin) => new(PluginMetricNames.MeterName(plugin), PatCodeDiagnostics.Version);

    public static Counter<long> Counter(Meter meter, string plugin, string metric)
    {
        ArgumentNullException.ThrowIfNull(meter);
        return meter.CreateCounter<long>(PluginMetricNames.For(plugin, metric), "{count}", Describe("Count", plugin, metric, "Increment"));
    }

    public static Gauge<double> Gauge(Meter meter, string plugin, string metric)
    {
        ArgumentNullException.ThrowIfNull(meter);
        return meter.CreateGauge<double>(PluginMetricNames.For(plugin, metric), unit: null, Describe("Last value", plugin, metric, "SetGauge"));
    }

    /// <summary>A histogram in seconds, for <c>RecordDuration</c> and <c>StartTimer</c>.</summary>
    public static Histogram<double> Timer(Meter meter, string plugin, string metric)
    {
        ArgumentNullException.ThrowIfNull(meter);
        return meter.CreateHistogram(PluginMetricNames.For(plugin, metric), "s", Describe("Duration", plugin, metric, "RecordDuration/StartTimer"), tags: null, HistogramBuckets.Seconds);
    }

    // The names come from the plugin: whatever looks like a secret stays out of the HELP text.
    private static string Describe(string what, string plugin, string metric, string call) =>
        SecretRedactor.Redact($"{what} of '{metric}' recorded by plugin {plugin} ({call}).");
}
