namespace PatCode.Telemetry;

/// <summary>The summary /telemetry stats shows above the metric tables.</summary>
internal sealed record TelemetryStats(
    bool Enabled,
    DateTimeOffset StartedAt,
    TimeSpan Uptime,
    int Instruments,
    int Series,
    int MaxSeries,
    long RefusedMeasurements,
    int EventsKept,
    long EventsRecorded,
    int EventCapacity,
    int InfoEvents,
    int WarningEvents,
    int ErrorEvents,
    int SpansKept,
    long SpansRecorded,
    IReadOnlyList<string> Exporters);
