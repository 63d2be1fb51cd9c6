using PatCode.Telemetry.Tests.Support;

namespace PatCode.Telemetry.Tests.Exporters;

public sealed class PrometheusEndpointTests
{
    [Test]
    public async Task ConfiguredPort_ServesPluginMetricsOnLoopback()
    {
        var plugin = TestTelemetry.UniqueName("prom");
        var (service, port) = StartOnAFreePort();
        using var _ = service;
        using var telemetry = service.ForPlugin(plugin);
        telemetry.Increment("requests", 7);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var body = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));

        var metricName = plugin.Replace('-', '_') + "_requests_total";
        Assert.That(service.Exporters, Has.Some.EqualTo($"prometheus http://127.0.0.1:{port}/metrics"));
        Assert.That(body, Does.Contain(metricName));
        Assert.That(body.Split('\n').Single(l => l.StartsWith(metricName + "{", StringComparison.Ordinal)), Does.Contain($"plugin=\"{plugin}\"").And.EndWith(" 7"));
    }

    [Test]
    public void PortInUse_LeavesTelemetryRunningAndSaysWhatToChange()
    {
        using var occupant = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((System.Net.IPEndPoint)occupant.LocalEndpoint).Port;

        using var service = TestTelemetry.Create(("telemetry.prometheusPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.That(service.Exporters, Is.Empty);
        Assert.That(service.StartupProblems.Single(), Does.Contain($"127.0.0.1:{port}").And.Contain("telemetry.prometheusPort"));
        Assert.That(service.Events().Single().Name, Is.EqualTo("telemetry.exporter_failed"));
    }

    /// <summary>Another process may take the port between choosing and binding it; try a few.</summary>
    private static (TelemetryService Service, int Port) StartOnAFreePort()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort.Next();
            var service = TestTelemetry.Create(("telemetry.prometheusPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (service.StartupProblems.Count == 0 || attempt == 4)
            {
                return (service, port);
            }

            service.Dispose();
        }
    }
}
