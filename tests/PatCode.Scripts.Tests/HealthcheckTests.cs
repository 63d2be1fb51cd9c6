using System.Net;
using System.Net.Sockets;
using System.Text;
using PatCode.Scripts.Tests.Support;

namespace PatCode.Scripts.Tests;

/// <summary>
/// docker/healthcheck.sh outside a container: a stand-in 'patcode' on PATH whose exit code the test chooses, and a
/// real TCP listener on 127.0.0.1 playing the Prometheus endpoint.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class HealthcheckTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Test]
    public void WhenPatcodeWorksAndNoMetricsPortIsSet_ThenHealthy()
    {
        var result = Check(patcodeExitCode: 0, metricsPort: null);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public void WhenPatcodeFails_ThenUnhealthyAndSaysWhich()
    {
        var result = Check(patcodeExitCode: 3, metricsPort: null);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.StandardError, Does.Contain("'patcode --version' failed"), result.ToString());
        });
    }

    [TestCase(200, 0)]
    [TestCase(503, 1)]
    public void WhenTheMetricsEndpointAnswers_ThenItsStatusDecides(int status, int expectedExitCode)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            await using var stream = client.GetStream();
            // Like a real HTTP server: the whole request head, then the answer.
            var buffer = new byte[4096];
            var request = "";
            while (!request.Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    break;
                }

                request += Encoding.ASCII.GetString(buffer, 0, read);
            }

            var response = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} X\r\nContent-Length: 2\r\nConnection: close\r\n\r\nm\n");
            await stream.WriteAsync(response);
            return request;
        });

        var result = Check(patcodeExitCode: 0, metricsPort: port);

        Assert.That(server.Wait(TimeSpan.FromSeconds(30)), Is.True, "the health check never connected");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(expectedExitCode), result.ToString());
            Assert.That(server.Result, Does.StartWith("GET /metrics HTTP/1.0"));
        });
    }

    [Test]
    public void WhenNothingListensOnTheMetricsPort_ThenUnhealthy()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var result = Check(patcodeExitCode: 0, metricsPort: port);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.StandardError, Does.Contain($"nothing listens on the metrics port {port}"), result.ToString());
        });
    }

    private ProcessResult Check(int patcodeExitCode, int? metricsPort)
    {
        var bin = _temp.Combine("bin");
        Directory.CreateDirectory(bin);
        var patcode = Path.Combine(bin, "patcode");
        // The stand-in fails if it sees the exporter settings: the real REPL already holds the metrics port.
        File.WriteAllText(patcode, $"#!/bin/sh\n[ -z \"$TELEMETRY_PROMETHEUS_PORT$OTEL_EXPORTER_OTLP_ENDPOINT\" ] || exit 9\nexit {patcodeExitCode}\n");
        File.SetUnixFileMode(patcode, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return ProcessRunner.RunScript("docker/healthcheck.sh", [], new Dictionary<string, string?>
        {
            ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["TELEMETRY_PROMETHEUS_PORT"] = metricsPort?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317",
        }, TimeSpan.FromSeconds(60));
    }
}
