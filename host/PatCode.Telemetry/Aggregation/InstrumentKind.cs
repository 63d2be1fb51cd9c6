namespace PatCode.Telemetry.Aggregation;

/// <summary>How an instrument's measurements are aggregated: summed, last value kept, or distributed.</summary>
internal enum InstrumentKind
{
    Counter,
    UpDownCounter,
    Gauge,
    Histogram,
    ObservableCounter,
    ObservableUpDownCounter,
    ObservableGauge,
}
