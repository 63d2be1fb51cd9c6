using System.Diagnostics.Metrics;

namespace PatCode.Telemetry.Aggregation;

internal static class InstrumentKinds
{
    public static InstrumentKind? Of(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition switch
        {
            _ when definition == typeof(Counter<>) => InstrumentKind.Counter,
            _ when definition == typeof(UpDownCounter<>) => InstrumentKind.UpDownCounter,
            _ when definition == typeof(Histogram<>) => InstrumentKind.Histogram,
            _ when definition == typeof(Gauge<>) => InstrumentKind.Gauge,
            _ when definition == typeof(ObservableCounter<>) => InstrumentKind.ObservableCounter,
            _ when definition == typeof(ObservableUpDownCounter<>) => InstrumentKind.ObservableUpDownCounter,
            _ when definition == typeof(ObservableGauge<>) => InstrumentKind.ObservableGauge,
            _ => null,
        };
    }

    /// <summary>Whether the kind sums its measurements (rather than keeping the last one or a distribution).</summary>
    public static bool Sums(this InstrumentKind kind) => kind is InstrumentKind.Counter or InstrumentKind.UpDownCounter;

    public static string Label(this InstrumentKind kind) => kind switch
    {
        InstrumentKind.Counter or InstrumentKind.ObservableCounter => "counter",
        InstrumentKind.UpDownCounter or InstrumentKind.ObservableUpDownCounter => "updown",
        InstrumentKind.Gauge or InstrumentKind.ObservableGauge => "gauge",
        _ => "histogram",
    };
}
