using PatCode.Core.Configuration;

namespace PatCode.Telemetry;

/// <summary>The telemetry settings; the composition root adds <see cref="All"/> to the keys it loads.</summary>
public static class TelemetryConfigKeys
{
    public const string Enabled = "telemetry.enabled";
    public const string MaxMetrics = "telemetry.maxMetrics";
    public const string OtlpEndpoint = "telemetry.otlpEndpoint";
    public const string OtlpProtocol = "telemetry.otlpProtocol";
    public const string PrometheusPort = "telemetry.prometheusPort";
    public const string PrometheusHost = "telemetry.prometheusHost";
    public const string ExitFlushSeconds = "telemetry.exitFlushSeconds";
    public const string CaptureContent = "telemetry.captureContent";

    public const string DefaultPrometheusHost = "127.0.0.1";

    public static IReadOnlyList<ConfigKey> All { get; } =
    [
        new(Enabled, "Collect metrics, events and traces in memory for /telemetry.", "true")
        {
            EnvironmentVariables = ["TELEMETRY_ENABLED"],
            Validate = Validators.Boolean,
        },
        new(MaxMetrics, "How many events (and metric series) are kept in memory; the oldest events make way.", "10000")
        {
            EnvironmentVariables = ["TELEMETRY_MAX_METRICS"],
            Validate = Validators.WholeNumber(10, 10_000_000),
        },
        new(OtlpEndpoint, "OTLP collector to send metrics and traces to (e.g. http://localhost:4318); unset sends nothing.", null)
        {
            EnvironmentVariables = ["OTEL_EXPORTER_OTLP_ENDPOINT"],
            Validate = Validators.HttpUrl,
            HoldsCredentials = true,
        },
        new(OtlpProtocol, "OTLP transport: http/protobuf (port 4318) or grpc (port 4317).", "http/protobuf")
        {
            EnvironmentVariables = ["OTEL_EXPORTER_OTLP_PROTOCOL"],
            Validate = Validators.OneOf("http/protobuf", "grpc"),
        },
        new(PrometheusPort, "Serve a Prometheus scrape endpoint (/metrics) on this port; unset serves none.", null)
        {
            EnvironmentVariables = ["TELEMETRY_PROMETHEUS_PORT"],
            Validate = Validators.WholeNumber(1, 65535),
        },
        new(PrometheusHost, "Address the Prometheus endpoint binds to; loopback unless you change it.", DefaultPrometheusHost)
        {
            EnvironmentVariables = ["TELEMETRY_PROMETHEUS_HOST"],
            Validate = static value => string.IsNullOrWhiteSpace(value) || value.Contains('/', StringComparison.Ordinal) ? $"'{value}' is not a host name or IP address" : null,
        },
        new(ExitFlushSeconds, "At most this long, in all, for sending the last traces and metrics when PatCode exits; what is left after it is dropped (and the log says so).", "1")
        {
            EnvironmentVariables = ["TELEMETRY_EXIT_FLUSH_SECONDS"],
            Validate = Validators.Number(0, 60),
        },
        new(CaptureContent, "Put prompts and answers (secrets redacted) on the model-call spans; off by default, whatever OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT says.", "false")
        {
            EnvironmentVariables = ["TELEMETRY_CAPTURE_CONTENT"],
            Validate = Validators.Boolean,
        },
    ];
}
