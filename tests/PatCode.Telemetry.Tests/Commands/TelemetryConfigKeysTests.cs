using PatCode.Core.Configuration;

namespace PatCode.Telemetry.Tests.Commands;

public sealed class TelemetryConfigKeysTests
{
    private static PatCodeConfiguration Load(Dictionary<string, string?> environment, string configFile = "") =>
        PatCodeConfiguration.Load(TelemetryConfigKeys.All, configFile, environment, new Dictionary<string, string>());

    [Test]
    public void Defaults_AreOnTenThousandAndNoExporters()
    {
        var settings = TelemetrySettings.From(Load([]));

        Assert.That(settings, Is.EqualTo(TelemetrySettings.Defaults));
    }

    [Test]
    public void ShortEnvironmentVariables_AreHonoured()
    {
        var settings = TelemetrySettings.From(Load(new()
        {
            ["TELEMETRY_ENABLED"] = "false",
            ["TELEMETRY_MAX_METRICS"] = "500",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://localhost:4318",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
        }));

        Assert.That(settings.Enabled, Is.False);
        Assert.That(settings.MaxMetrics, Is.EqualTo(500));
        Assert.That(settings.OtlpEndpoint, Is.EqualTo(new Uri("http://localhost:4318")));
        Assert.That(settings.OtlpGrpc, Is.True);
    }

    [Test]
    public void ConfigFile_SetsThePrometheusEndpoint()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{ "telemetry": { "prometheusPort": 9464, "prometheusHost": "0.0.0.0" } }""");

            var settings = TelemetrySettings.From(Load([], file));

            Assert.That(settings.PrometheusPort, Is.EqualTo(9464));
            Assert.That(settings.PrometheusHost, Is.EqualTo("0.0.0.0"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestCase("TELEMETRY_MAX_METRICS", "lots")]
    [TestCase("TELEMETRY_ENABLED", "maybe")]
    [TestCase("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317")]
    [TestCase("TELEMETRY_PROMETHEUS_PORT", "70000")]
    public void InvalidValue_IsAConfigurationErrorNamingTheVariable(string variable, string value) =>
        Assert.That(() => Load(new() { [variable] = value }), Throws.TypeOf<ConfigurationException>().With.Message.Contain(variable));
}
