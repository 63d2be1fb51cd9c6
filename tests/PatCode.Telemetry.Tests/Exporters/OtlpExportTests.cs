using System.Diagnostics;
using PatCode.Core.Diagnostics;
using PatCode.Telemetry.Tests.Support;

namespace PatCode.Telemetry.Tests.Exporters;

public sealed class OtlpExportTests
{
    [Test]
    public void ConfiguredEndpoint_ReceivesMetricsAndSpansOverHttpProtobuf()
    {
        using var receiver = new OtlpReceiver();
        var plugin = TestTelemetry.UniqueName("otlp");
        var service = TestTelemetry.Create(("telemetry.otlpEndpoint", receiver.Endpoint));
        try
        {
            using var telemetry = service.ForPlugin(plugin);
            telemetry.Increment("requests", 3);
            using (var turn = PatCodeDiagnostics.ActivitySource.StartActivity(InstrumentNames.ChatTurnSpan))
            {
                using var chain = PatCodeDiagnostics.ActivitySource.StartActivity(InstrumentNames.ChainSpan);
                chain?.SetTag("note", "auth header was Bearer abcdefghijklmnopqrstuvwx");
            }

            Assert.That(service.Exporters, Has.Some.StartsWith("otlp http/protobuf"));
        }
        finally
        {
            // Disposing flushes: a short CLI run still delivers.
            service.Dispose();
        }

        var metrics = receiver.TextOf("/v1/metrics");
        var traces = receiver.TextOf("/v1/traces");
        Assert.Multiple(() =>
        {
            Assert.That(metrics, Does.Contain($"{plugin}.requests"));
            Assert.That(metrics, Does.Contain(TelemetryNames.PluginMeterPrefix + plugin));
            Assert.That(traces, Does.Contain(InstrumentNames.ChatTurnSpan));
            Assert.That(traces, Does.Contain(InstrumentNames.ChainSpan));
            Assert.That(traces, Does.Not.Contain("abcdefghijklmnopqrstuvwx"), "span tags are redacted before export");
            Assert.That(traces, Does.Contain("[REDACTED]"));
        });
    }

    [Test]
    public void NoEndpoint_StartsNoExporter()
    {
        using var service = TestTelemetry.Create();

        Assert.That(service.Exporters, Is.Empty);
    }

    [Test]
    public void SpansFromTheTurn_AreAlsoKeptInMemoryWithTheirParents()
    {
        using var service = TestTelemetry.Create();
        string turnId;
        using (var turn = PatCodeDiagnostics.ActivitySource.StartActivity(InstrumentNames.ChatTurnSpan))
        {
            turnId = turn!.SpanId.ToHexString();
            using (PatCodeDiagnostics.ActivitySource.StartActivity(InstrumentNames.CacheLookupSpan))
            {
            }
        }

        var spans = service.Spans();
        var lookup = spans.Single(s => s.Name == InstrumentNames.CacheLookupSpan && s.ParentSpanId == turnId);
        Assert.That(spans.Single(s => s.SpanId == turnId).Name, Is.EqualTo(InstrumentNames.ChatTurnSpan));
        Assert.That(lookup.TraceId, Is.EqualTo(spans.Single(s => s.SpanId == turnId).TraceId));
        Assert.That(Activity.Current, Is.Null);
    }
}
