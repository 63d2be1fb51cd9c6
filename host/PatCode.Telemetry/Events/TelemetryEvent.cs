using PatCode.Sdk;

namespace PatCode.Telemetry.Events;

/// <summary>One recorded event; its metadata is already redacted and turned into text (no plugin objects are kept).</summary>
internal sealed record TelemetryEvent(
    DateTimeOffset Timestamp,
    string Source,
    string Name,
    TelemetryLevel Level,
    IReadOnlyDictionary<string, string> Metadata);
