namespace PatCode.Sdk;

/// <summary>How serious a telemetry event is.</summary>
public enum TelemetryLevel
{
    /// <summary>Something worth knowing.</summary>
    Info,

    /// <summary>Something went wrong but the work went on.</summary>
    Warning,

    /// <summary>Something failed.</summary>
    Error,
}
