using System.Globalization;
using PatCode.Telemetry.Tests.Support;
using PatCode.Testing.Telemetry;

namespace PatCode.Telemetry.Tests.Exporters;

public sealed class PrometheusEndpointTests
{
    [Test]
    public async Task ConfiguredPort_ServesPluginMetricsOnLoopback_InPatCodesNamespace()
    {
        var plugin = TestTelemetry.UniqueName("prom");
        var (service, port) = StartOnAFreePort();
        using var _ = service;
        using var telemetry = service.ForPlugin(plugin);
        telemetry.Increment("requests", 7);
        telemetry.RecordDuration("read", TimeSpan.FromMilliseconds(250));

        var scrape = await PrometheusScrape.GetAsync(new Uri($"http://127.0.0.1:{port}/metrics"));

        var stem = "patcode_plugin_" + plugin.Replace('-', '_');
        Assert.That(service.Exporters, Has.Some.EqualTo($"prometheus http://127.0.0.1:{port}/metrics"));
        Assert.That(scrape.Families[stem + "_requests_total"], Is.EqualTo("counter"));
        Assert.That(scrape.Families[stem + "_read_seconds"], Is.EqualTo("histogram"));
        Assert.That(scrape.Help[stem + "_requests_total"], Does.Contain("'requests' recorded by plugin " + plugin));
        Assert.That(scrape.Text.Split('\n').Single(l => l.StartsWith(stem + "_requests_total{", StringComparison.Ordinal)), Does.Contain($"plugin=\"{plugin}\"").And.EndWith(" 7"));
        Assert.That(scrape.Text.Split('\n').Single(l => l.StartsWith(stem + "_read_seconds_sum{", StringComparison.Ordinal)), Does.EndWith(" 0.25"));
    }

    /// <summary>Whatever names plugins pass, Prometheus' own linter has nothing to say and no two instruments share a series.</summary>
    [Test]
    public async Task AnyPluginOrMetricName_GivesPromtoolCleanSeparateMetrics()
    {
        string[] plugins = ["GitHelper", "git_helper", "git-helper", "Git.Helper", "HTTPServer", "M", "9lives", "日本語", "a b/c:d", "duration", "executions", new string('x', 300)];
        string[] metrics = ["read", "Read", "read_ms", "readMilliseconds", "latency_seconds", "requests_total", "total", "count", "sum", "bucket", "hits.per/second?", "kb_used", "my_gauge_value", "s", ":"];
        var suffix = TestTelemetry.UniqueName("z")[2..];
        var (service, port) = StartOnAFreePort();
        using var _ = service;
        var scoped = plugins.Select(p => service.ForPlugin(p + "-" + suffix)).ToList();
        try
        {
            foreach (var telemetry in scoped)
            {
                foreach (var metric in metrics)
                {
                    telemetry.Increment(metric);
                    telemetry.SetGauge(metric, 1.5);
                    telemetry.RecordDuration(metric, TimeSpan.FromMilliseconds(3));
                }
            }

            var scrape = await PrometheusScrape.GetAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
            // Other tests in this process leave instruments of their own on the shared meters: check this test's.
            var families = scrape.Families.Keys.Where(f => scrape.LabelValues(f, "plugin").Any(v => v.EndsWith(suffix, StringComparison.Ordinal))).ToHashSet();
            var (exitCode, output) = await Promtool.CheckMetricsAsync(scrape.Only(families.Contains));

            Assert.That(output, Is.Empty, "promtool check metrics found problems");
            Assert.That(exitCode, Is.Zero);
            Assert.That(families, Has.Count.EqualTo(plugins.Length * metrics.Length * 3), "one family per plugin, metric and kind: none merged into another");
            Assert.That(families, Has.All.StartWith("patcode_plugin_"));
        }
        finally
        {
            scoped.ForEach(s => s.Dispose());
        }
    }

    [Test]
    public void PortInUse_LeavesTelemetryRunningAndSaysWhatToChange()
    {
        using var occupant = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((System.Net.IPEndPoint)occupant.LocalEndpoint).Port;

        using var service = TestTelemetry.Create(("telemetry.prometheusPort", port.ToString(CultureInfo.InvariantCulture)));

        Assert.That(service.Exporters, Is.Empty);
        Assert.That(service.StartupProblems.Single(), Does.Contain($"127.0.0.1:{port}").And.Contain("telemetry.prometheusPort"));
        Assert.That(service.Events().Single().Name, Is.EqualTo("telemetry.exporter_failed"));
    }

    /// <summary>Another process may take the port between choosing and binding it; try a few.</summary>
    private static (TelemetryService Service, int Port) StartOnAFreePort()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreeTcpPort.Next();
            var service = TestTelemetry.Create(("telemetry.prometheusPort", port.ToString(CultureInfo.InvariantCulture)));
            if (service.StartupProblems.Count == 0 || attempt == 4)
            {
                return (service, port);
            }

            service.Dispose();
        }
    }
}
