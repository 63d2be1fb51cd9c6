using PatCode.Core.Configuration;

namespace PatCode.Telemetry;

/// <summary>The telemetry configuration, read once from <see cref="PatCodeConfiguration"/>.</summary>
internal sealed record TelemetrySettings(
    bool Enabled,
    int MaxMetrics,
    Uri? OtlpEndpoint,
    bool OtlpGrpc,
    int? PrometheusPort,
    string PrometheusHost,
    TimeSpan ExitFlushTimeout,
    bool CaptureContent)
{
    public static TelemetrySettings Defaults { get; } = new(true, 10_000, null, false, null, TelemetryConfigKeys.DefaultPrometheusHost, TimeSpan.FromSeconds(1), false);

    public static TelemetrySettings From(PatCodeConfiguration configuration)
    {
        var endpoint = configuration.Get(TelemetryConfigKeys.OtlpEndpoint);
        var port = configuration.Get(TelemetryConfigKeys.PrometheusPort);
        return new TelemetrySettings(
            configuration.GetBoolean(TelemetryConfigKeys.Enabled),
            configuration.GetInt32(TelemetryConfigKeys.MaxMetrics),
            string.IsNullOrWhiteSpace(endpoint) ? null : new Uri(endpoint, UriKind.Absolute),
            string.Equals(configuration.Get(TelemetryConfigKeys.OtlpProtocol), "grpc", StringComparison.OrdinalIgnoreCase),
            string.IsNullOrWhiteSpace(port) ? null : configuration.GetInt32(TelemetryConfigKeys.PrometheusPort),
            configuration.Get(TelemetryConfigKeys.PrometheusHost) ?? TelemetryConfigKeys.DefaultPrometheusHost,
            configuration.GetSeconds(TelemetryConfigKeys.ExitFlushSeconds),
            configuration.GetBoolean(TelemetryConfigKeys.CaptureContent));
    }
}
