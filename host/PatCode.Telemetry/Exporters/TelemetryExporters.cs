using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PatCode.Telemetry.Tracing;

namespace PatCode.Telemetry.Exporters;

/// <summary>
/// The OpenTelemetry SDK side, built only when the user configured an exporter: OTLP (metrics and traces)
/// when telemetry.otlpEndpoint / OTEL_EXPORTER_OTLP_ENDPOINT is set, a Prometheus scrape endpoint when
/// telemetry.prometheusPort is. With neither, no provider exists and nothing leaves the machine.
/// Disposing flushes what is pending.
/// </summary>
internal sealed partial class TelemetryExporters : IDisposable
{
    /// <summary>How often metrics are pushed over OTLP; the last push happens on dispose.</summary>
    public const int MetricExportIntervalMilliseconds = 10_000;

    private static readonly string[] Sources = [Core.Diagnostics.PatCodeDiagnostics.Name, Core.Diagnostics.PatCodeDiagnostics.Name + ".*", TelemetryNames.MicrosoftExtensionsAiDefaultSource];

    private readonly MeterProvider? _meters;
    private readonly TracerProvider? _tracer;
    private readonly ILogger _logger;

    private TelemetryExporters(MeterProvider? meters, TracerProvider? tracer, IReadOnlyList<string> descriptions, ILogger logger)
    {
        _meters = meters;
        _tracer = tracer;
        Descriptions = descriptions;
        _logger = logger;
    }

    /// <summary>One line per active exporter, e.g. "otlp http/protobuf http://localhost:4318".</summary>
    public IReadOnlyList<string> Descriptions { get; }

    public static TelemetryExporters Start(TelemetrySettings settings, ILogger logger)
    {
        var descriptions = new List<string>();
        if (settings.OtlpEndpoint is null && settings.PrometheusPort is null)
        {
            return new TelemetryExporters(null, null, descriptions, logger);
        }

        var resource = ResourceBuilder.CreateDefault().AddService("patcode", serviceVersion: typeof(TelemetryExporters).Assembly.GetName().Version?.ToString());
        var meterBuilder = OpenTelemetry.Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(Sources);
        TracerProvider? tracer = null;
        if (settings.OtlpEndpoint is { } endpoint)
        {
            var protocol = settings.OtlpGrpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
            meterBuilder.AddOtlpExporter((exporter, reader) =>
            {
                Configure(exporter, endpoint, protocol, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = MetricExportIntervalMilliseconds;
            });
            tracer = OpenTelemetry.Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(resource)
                .AddSource(Sources)
                .AddProcessor(new RedactingActivityProcessor())
                .AddOtlpExporter(exporter => Configure(exporter, endpoint, protocol, "v1/traces"))
                .Build();
            descriptions.Add($"otlp {(settings.OtlpGrpc ? "grpc" : "http/protobuf")} {endpoint}");
        }

        if (settings.PrometheusPort is { } port)
        {
            meterBuilder.AddPrometheusHttpListener(options =>
            {
                options.Host = settings.PrometheusHost;
                options.Port = port;
            });
            descriptions.Add($"prometheus http://{settings.PrometheusHost}:{port}/metrics");
        }

        var meters = meterBuilder.Build();
        var summary = string.Join("; ", descriptions);
        LogStarted(logger, summary);
        return new TelemetryExporters(meters, tracer, descriptions, logger);
    }

    public void Flush(int timeoutMilliseconds = 5_000)
    {
        _tracer?.ForceFlush(timeoutMilliseconds);
        _meters?.ForceFlush(timeoutMilliseconds);
    }

    public void Dispose()
    {
        // Shutting down flushes: a short CLI run still delivers its spans and final metric values.
        _tracer?.Dispose();
        _meters?.Dispose();
        if (Descriptions.Count > 0)
        {
            LogStopped(_logger);
        }
    }

    /// <summary>
    /// With http/protobuf an endpoint given in code is used as is, so the signal path is appended here the
    /// way the SDK does for OTEL_EXPORTER_OTLP_ENDPOINT (http://collector:4318 → …/v1/traces).
    /// </summary>
    private static void Configure(OtlpExporterOptions exporter, Uri endpoint, OtlpExportProtocol protocol, string signalPath)
    {
        exporter.Protocol = protocol;
        exporter.Endpoint = protocol == OtlpExportProtocol.Grpc ? endpoint : new Uri(endpoint.ToString().TrimEnd('/') + "/" + signalPath);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telemetry exporters started: {Exporters}")]
    private static partial void LogStarted(ILogger logger, string exporters);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telemetry exporters flushed and stopped")]
    private static partial void LogStopped(ILogger logger);
}
