using System.Text;
using System.Text.Json;
using PatCode.Telemetry.Aggregation;
using PatCode.Core.Security;

namespace PatCode.Telemetry.Commands;

/// <summary>
/// The JSON of <c>telemetry export</c>: exported_at, scope (what the data covers), stats, metrics, events
/// and spans. Every string was redacted when recorded; the finished text is redacted once more so nothing
/// secret-looking can reach the file by another path.
/// </summary>
internal static class TelemetryExport
{
    public static string ToJson(TelemetryService service, string scope)
    {
        var stats = service.Stats();
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("exported_at", service.TimeProvider.GetUtcNow());
            json.WriteString("scope", scope);

            json.WriteStartObject("stats");
            json.WriteBoolean("enabled", stats.Enabled);
            json.WriteString("started_at", stats.StartedAt);
            json.WriteNumber("uptime_seconds", Math.Round(stats.Uptime.TotalSeconds, 3));
            json.WriteNumber("instruments", stats.Instruments);
            json.WriteNumber("series", stats.Series);
            json.WriteNumber("max_series", stats.MaxSeries);
            json.WriteNumber("refused_measurements", stats.RefusedMeasurements);
            json.WriteNumber("events_kept", stats.EventsKept);
            json.WriteNumber("events_recorded", stats.EventsRecorded);
            json.WriteNumber("event_capacity", stats.EventCapacity);
            json.WriteStartObject("events_by_level");
            json.WriteNumber("info", stats.InfoEvents);
            json.WriteNumber("warning", stats.WarningEvents);
            json.WriteNumber("error", stats.ErrorEvents);
            json.WriteEndObject();
            json.WriteNumber("spans_kept", stats.SpansKept);
            json.WriteNumber("spans_recorded", stats.SpansRecorded);
            json.WriteStartArray("exporters");
            foreach (var exporter in stats.Exporters)
            {
                json.WriteStringValue(exporter);
            }

            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteStartArray("metrics");
            foreach (var point in service.Metrics())
            {
                WriteMetric(json, point);
            }

            json.WriteEndArray();

            json.WriteStartArray("events");
            foreach (var e in service.Events())
            {
                json.WriteStartObject();
                json.WriteString("timestamp", e.Timestamp);
                json.WriteString("level", e.Level.ToString().ToLowerInvariant());
                json.WriteString("source", e.Source);
                json.WriteString("name", e.Name);
                WriteMap(json, "metadata", e.Metadata);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("spans");
            foreach (var span in service.Spans())
            {
                json.WriteStartObject();
                json.WriteString("name", span.Name);
                json.WriteString("source", span.Source);
                json.WriteString("trace_id", span.TraceId);
                json.WriteString("span_id", span.SpanId);
                if (span.ParentSpanId is not null)
                {
                    json.WriteString("parent_span_id", span.ParentSpanId);
                }

                json.WriteString("started_at", span.StartedAt);
                json.WriteNumber("duration_ms", Math.Round(span.DurationMs, 3));
                json.WriteString("status", span.Status);
                WriteMap(json, "tags", span.Tags);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return SecretRedactor.Redact(Encoding.UTF8.GetString(buffer.ToArray())) + "\n";
    }

    private static void WriteMetric(Utf8JsonWriter json, MetricPoint point)
    {
        json.WriteStartObject();
        json.WriteString("name", point.Name);
        json.WriteString("meter", point.Meter);
        json.WriteString("kind", point.Kind.Label());
        if (!string.IsNullOrEmpty(point.Unit))
        {
            json.WriteString("unit", point.Unit);
        }

        WriteMap(json, "tags", point.Tags);
        if (point.Distribution is { } d)
        {
            json.WriteNumber("count", d.Count);
            WriteNumber(json, "sum", d.Sum);
            WriteNumber(json, "min", d.Min);
            WriteNumber(json, "max", d.Max);
            WriteNumber(json, "avg", d.Average);
            WriteNumber(json, "p50", d.P50);
            WriteNumber(json, "p95", d.P95);
            WriteNumber(json, "p99", d.P99);
        }
        else if (point.Value is { } value)
        {
            WriteNumber(json, "value", value);
        }

        json.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, Math.Round(value, 6));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteMap(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string> map)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }
}
