namespace PatCode.Telemetry.Tracing;

/// <summary>A finished span as kept in memory for /telemetry export; tag values are redacted text.</summary>
internal sealed record SpanRecord(
    string Name,
    string Source,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    DateTimeOffset StartedAt,
    double DurationMs,
    string Status,
    IReadOnlyDictionary<string, string> Tags);
