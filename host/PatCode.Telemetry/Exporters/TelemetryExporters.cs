using System.Runtime.CompilerServices;
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
/// nor PatCode. <see cref="Shutdown"/> flushes what is pending at exit, all providers at once within one
/// time budget (telemetry.exitFlushSeconds); a collector that does not answer costs that budget, no more.
/// </summary>
internal sealed partial class TelemetryExporters : IDisposable
{
    /// <summary>How often metrics are pushed over OTLP; the last push happens on dispose.</summary>
    public const int MetricExportIntervalMilliseconds = 10_000;

    /// <summary>How long one OTLP request may take while PatCode runs, when the collector does not answer.</summary>
    public const int ExportTimeoutMilliseconds = 5_000;

    private static readonly string[] Sources = [Core.Diagnostics.PatCodeDiagnostics.Name, Core.Diagnostics.PatCodeDiagnostics.Name + ".*", TelemetryNames.MicrosoftExtensionsAiDefaultSource];

    private readonly MeterProvider? _otlpMeters;
    private readonly MeterProvider? _prometheus;
    private readonly TracerProvider? _tracer;
    private readonly ILogger _logger;
    private int _shutDown;

    private TelemetryExporters(MeterProvider? otlpMeters, MeterProvider? prometheus, TracerProvider? tracer, List<string> descriptions, List<string> problems, ILogger logger)
    {
        _otlpMeters = otlpMeters;
        _prometheus = prometheus;
        _tracer = tracer;
        Descriptions = descriptions;
        Problems = problems;
        _logger = logger;
    }

    /// <summary>One line per active exporter, e.g. "otlp http/protobuf http://localhost:4318/".</summary>
    public IReadOnlyList<string> Descriptions { get; }

    /// <summary>One line per exporter that could not start, saying why and what to change.</summary>
    public IReadOnlyList<string> Problems { get; }

    public static TelemetryExporters Start(TelemetrySettings settings, ILogger logger) =>
        settings.OtlpEndpoint is null && settings.PrometheusPort is null
            ? new TelemetryExporters(null, null, null, [], [], logger)
            : StartProviders(settings, logger);

    // Apart from Start, and not inlined into it: the OpenTelemetry SDK and exporter assemblies this method's code
    // refers to load when it first runs, so a PatCode with no exporter configured never loads them.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TelemetryExporters StartProviders(TelemetrySettings settings, ILogger logger)
    {
        var descriptions = new List<string>();
        var problems = new List<string>();
        MeterProvider? otlpMeters = null;
        MeterProvider? prometheus = null;
        TracerProvider? tracer = null;
        var resource = ResourceBuilder.CreateDefault().AddService("patcode", serviceVersion: Core.Diagnostics.PatCodeDiagnostics.Version);
        if (settings.OtlpEndpoint is { } endpoint)
        {
            var protocol = settings.OtlpGrpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
            otlpMeters = OpenTelemetry.Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter(Sources)
                .AddOtlpExporter((exporter, reader) =>
                {
                    Configure(exporter, endpoint, protocol, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = MetricExportIntervalMilliseconds;
                })
                .Build();
            tracer = OpenTelemetry.Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(resource)
                .AddSource(Sources)
                .AddProcessor(new SpanAttributeProcessor())
                .AddOtlpExporter(exporter => Configure(exporter, endpoint, protocol, "v1/traces"))
                .Build();
            descriptions.Add($"otlp {(settings.OtlpGrpc ? "grpc" : "http/protobuf")} {SecretRedactor.MaskConnection(endpoint.ToString())}");
        }

        if (settings.PrometheusPort is { } port)
        {
            try
            {
                prometheus = OpenTelemetry.Sdk.CreateMeterProviderBuilder()
                    .SetResourceBuilder(resource)
                    .AddMeter(Sources)
                    .AddPrometheusHttpListener(options =>
                    {
                        options.Host = settings.PrometheusHost;
                        options.Port = port;
                    })
                    .Build();
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

        return new TelemetryExporters(otlpMeters, prometheus, tracer, descriptions, problems, logger);
    }

    public void Flush(int timeoutMilliseconds = ExportTimeoutMilliseconds)
    {
        _tracer?.ForceFlush(timeoutMilliseconds);
        _otlpMeters?.ForceFlush(timeoutMilliseconds);
    }

    /// <summary>
    /// Sends what is pending and stops every provider, all at once and within <paramref name="budget"/> in
    /// total. A provider whose collector has not answered by then is abandoned: its data is dropped, the log
    /// says which, and its export thread (a background thread) does not keep the process alive.
    /// </summary>
    /// <returns>Whether everything was delivered in time.</returns>
    public bool Shutdown(TimeSpan budget)
    {
        if (Interlocked.Exchange(ref _shutDown, 1) != 0 || (_tracer is null && _otlpMeters is null && _prometheus is null))
        {
            return true;
        }

        return ShutdownProviders(budget);
    }

    // Apart from Shutdown, like StartProviders: this code names the SDK's types, whose assembly would otherwise be
    // loaded at every exit even when no exporter ever started.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool ShutdownProviders(TimeSpan budget)
    {
        // Signal is what is lost if the provider does not finish: nothing for the scrape endpoint, which pushes nothing.
        var providers = new List<(string? Signal, BaseProvider Provider, Func<int, bool> Stop)>();
        if (_tracer is { } tracer)
        {
            providers.Add(("traces", tracer, tracer.Shutdown));
        }

        if (_otlpMeters is { } otlpMeters)
        {
            providers.Add(("metrics", otlpMeters, otlpMeters.Shutdown));
        }

        if (_prometheus is { } prometheus)
        {
            providers.Add((null, prometheus, prometheus.Shutdown));
        }

        var milliseconds = (int)Math.Clamp(budget.TotalMilliseconds, 0, int.MaxValue);
        var stops = providers.Select(p => Task.Run(() => p.Stop(milliseconds))).ToArray();
        Task.WaitAll(stops, budget);
        var dropped = new List<string>();
        for (var i = 0; i < providers.Count; i++)
        {
            var delivered = stops[i].IsCompletedSuccessfully && stops[i].Result;
            if (delivered || (providers[i].Signal is null && stops[i].IsCompleted))
            {
                providers[i].Provider.Dispose();
            }
            else if (providers[i].Signal is { } signal)
            {
                // Not delivered: disposing now could wait on the stuck export; the process is about to end anyway.
                dropped.Add(signal);
            }
        }

        if (dropped.Count > 0)
        {
            LogDropped(_logger, budget.TotalSeconds, string.Join(", ", dropped.Distinct(StringComparer.Ordinal)));
        }
        else
        {
            LogStopped(_logger);
        }

        return dropped.Count == 0;
    }

    public void Dispose() => Shutdown(TimeSpan.FromSeconds(1));

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telemetry export did not finish within {Seconds} s at exit (telemetry.exitFlushSeconds): the {Signals} not yet sent were dropped; check that the collector answers")]
    private static partial void LogDropped(ILogger logger, double seconds, string signals);
}
