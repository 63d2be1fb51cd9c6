using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PatCode.Core.Security;
using PatCode.Telemetry.Tracing;

namespace PatCode.Telemetry.Exporters;

/// <summary>
/// The OpenTelemetry SDK side, built only when the user configured an exporter: OTLP (metrics and traces)
/// when telemetry.otlpEndpoint / OTEL_EXPORTER_OTLP_ENDPOINT is set, a Prometheus scrape endpoint when
/// telemetry.prometheusPort is. With neither, no provider exists and nothing leaves the machine.
/// Each exporter has its own provider so one that cannot start (a port in use) does not stop the other,
/// nor PatCode. Disposing flushes what is pending, waiting at most a few seconds for a collector.
/// </summary>
internal sealed partial class TelemetryExporters : IDisposable
{
    /// <summary>How often metrics are pushed over OTLP; the last push happens on dispose.</summary>
    public const int MetricExportIntervalMilliseconds = 10_000;

    /// <summary>How long one OTLP request, and the final flush at exit, may take when the collector does not answer.</summary>
    public const int ExportTimeoutMilliseconds = 5_000;

    private static readonly string[] Sources = [Core.Diagnostics.PatCodeDiagnostics.Name, Core.Diagnostics.PatCodeDiagnostics.Name + ".*", TelemetryNames.MicrosoftExtensionsAiDefaultSource];

    private readonly List<MeterProvider> _meters;
    private readonly TracerProvider? _tracer;
    private readonly ILogger _logger;

    private TelemetryExporters(List<MeterProvider> meters, TracerProvider? tracer, List<string> descriptions, List<string> problems, ILogger logger)
    {
        _meters = meters;
        _tracer = tracer;
        Descriptions = descriptions;
        Problems = problems;
        _logger = logger;
    }

    /// <summary>One line per active exporter, e.g. "otlp http/protobuf http://localhost:4318/".</summary>
    public IReadOnlyList<string> Descriptions { get; }

    /// <summary>One line per exporter that could not start, saying why and what to change.</summary>
    public IReadOnlyList<string> Problems { get; }

    public static TelemetryExporters Start(TelemetrySettings settings, ILogger logger)
    {
        var descriptions = new List<string>();
        var problems = new List<string>();
        var meters = new List<MeterProvider>();
        TracerProvider? tracer = null;
        if (settings.OtlpEndpoint is null && settings.PrometheusPort is null)
        {
            return new TelemetryExporters(meters, tracer, descriptions, problems, logger);
        }

        var resource = ResourceBuilder.CreateDefault().AddService("patcode", serviceVersion: typeof(TelemetryExporters).Assembly.GetName().Version?.ToString());
        if (settings.OtlpEndpoint is { } endpoint)
        {
            var protocol = settings.OtlpGrpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
            meters.Add(OpenTelemetry.Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter(Sources)
                .AddOtlpExporter((exporter, reader) =>
                {
                    Configure(exporter, endpoint, protocol, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = MetricExportIntervalMilliseconds;
                })
                .Build());
            tracer = OpenTelemetry.Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(resource)
                .AddSource(Sources)
                .AddProcessor(new RedactingActivityProcessor())
                .AddOtlpExporter(exporter => Configure(exporter, endpoint, protocol, "v1/traces"))
                .Build();
            descriptions.Add($"otlp {(settings.OtlpGrpc ? "grpc" : "http/protobuf")} {SecretRedactor.MaskConnection(endpoint.ToString())}");
        }

        if (settings.PrometheusPort is { } port)
        {
            try
            {
                meters.Add(OpenTelemetry.Sdk.CreateMeterProviderBuilder()
                    .SetResourceBuilder(resource)
                    .AddMeter(Sources)
                    .AddPrometheusHttpListener(options =>
                    {
                        options.Host = settings.PrometheusHost;
                        options.Port = port;
                    })
                    .Build());
                descriptions.Add($"prometheus http://{settings.PrometheusHost}:{port}/metrics");
            }
            catch (Exception e) when (e is System.Net.HttpListenerException or System.Net.Sockets.SocketException or InvalidOperationException or ArgumentException)
            {
                problems.Add($"Prometheus endpoint not started: cannot listen on {settings.PrometheusHost}:{port} ({e.Message}); set telemetry.prometheusPort to a free port.");
                LogPrometheusFailed(logger, e, settings.PrometheusHost, port);
            }
        }

        if (descriptions.Count > 0)
        {
            var summary = string.Join("; ", descriptions);
            LogStarted(logger, summary);
        }

        return new TelemetryExporters(meters, tracer, descriptions, problems, logger);
    }

    public void Flush(int timeoutMilliseconds = ExportTimeoutMilliseconds)
    {
        _tracer?.ForceFlush(timeoutMilliseconds);
        foreach (var meters in _meters)
        {
            meters.ForceFlush(timeoutMilliseconds);
        }
    }

    public void Dispose()
    {
        // Shutting down flushes: a short CLI run still delivers its spans and final metric values.
        if (_tracer is not null)
        {
            _tracer.Shutdown(ExportTimeoutMilliseconds);
            _tracer.Dispose();
        }

        foreach (var meters in _meters)
        {
            meters.Shutdown(ExportTimeoutMilliseconds);
            meters.Dispose();
        }

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
        exporter.TimeoutMilliseconds = ExportTimeoutMilliseconds;
        exporter.Endpoint = protocol == OtlpExportProtocol.Grpc ? endpoint : new Uri(endpoint.ToString().TrimEnd('/') + "/" + signalPath);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telemetry exporters started: {Exporters}")]
    private static partial void LogStarted(ILogger logger, string exporters);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prometheus endpoint could not listen on {Host}:{Port}")]
    private static partial void LogPrometheusFailed(ILogger logger, Exception exception, string host, int port);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telemetry exporters flushed and stopped")]
    private static partial void LogStopped(ILogger logger);
}
