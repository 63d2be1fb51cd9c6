using System.Diagnostics;
using PatCode.Core.Diagnostics;
using PatCode.Telemetry.Tests.Support;
using PatCode.Testing.Telemetry;

namespace PatCode.Telemetry.Tests.Exporters;

public sealed class OtlpExportTests
{
    // These tests are about what arrives, not about the exit bound: a loaded machine may need more than 1 s.
    private static readonly (string, string) DeliveryBudget = ("telemetry.exitFlushSeconds", "30");

    [Test]
    public void ConfiguredEndpoint_ReceivesMetricsAndSpansOverHttpProtobuf_Decoded()
    {
        using var receiver = new OtlpReceiver();
        var plugin = TestTelemetry.UniqueName("otlp");
        var service = TestTelemetry.Create(("telemetry.otlpEndpoint", receiver.Endpoint), DeliveryBudget);
        string turnId;
        try
        {
            using var telemetry = service.ForPlugin(plugin);
            telemetry.Increment("requests", 3);
            using (var turn = PatCodeDiagnostics.ActivitySource.StartActivity(InstrumentNames.ChatTurnSpan))
            {
                turnId = turn!.SpanId.ToHexString();
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

        var metric = receiver.Metrics().Single(m => m.Scope == PluginMetricNames.MeterName(plugin));
        var chainSpan = receiver.Spans().Single(s => s.Name == InstrumentNames.ChainSpan && s.ParentSpanId == turnId);
        var turnSpan = receiver.Spans().Single(s => s.SpanId == turnId);
        Assert.Multiple(() =>
        {
            Assert.That(metric.Name, Is.EqualTo($"patcode.plugin.{plugin.Replace('-', '_')}.requests"));
            Assert.That(metric.Metric.Unit, Is.EqualTo("{count}"));
            Assert.That(metric.Metric.Description, Is.Not.Empty);
            Assert.That(metric.Metric.Sum.DataPoints.Single().AsInt, Is.EqualTo(3));
            Assert.That(metric.PointAttributes().Single()["plugin"], Is.EqualTo(plugin));
            Assert.That(metric.ScopeVersion, Is.EqualTo(PatCodeDiagnostics.Version));
            Assert.That(turnSpan.Name, Is.EqualTo(InstrumentNames.ChatTurnSpan));
            Assert.That(turnSpan.Scope, Is.EqualTo(PatCodeDiagnostics.Name));
            Assert.That(turnSpan.ScopeVersion, Is.EqualTo(PatCodeDiagnostics.Version).And.Not.Empty);
            Assert.That(turnSpan.Resource["service.name"], Is.EqualTo("patcode"));
            Assert.That(turnSpan.Resource["service.version"], Is.EqualTo(PatCodeDiagnostics.Version));
            Assert.That(chainSpan.TraceId, Is.EqualTo(turnSpan.TraceId));
            Assert.That(chainSpan.Attributes["note"], Is.EqualTo("auth header was Bearer [REDACTED]"), "span attributes are redacted before export");
        });
    }

    [Test]
    public void FinishReasons_AreExportedAsAStringArray()
    {
        using var receiver = new OtlpReceiver();
        var service = TestTelemetry.Create(("telemetry.otlpEndpoint", receiver.Endpoint), DeliveryBudget);
        using (var source = new ActivitySource(TelemetryNames.GenAiSourceName))
        {
            using var span = source.StartActivity("chat finish-probe");
            span?.SetTag("gen_ai.response.finish_reasons", "[\"stop\",\"length\"]");
        }

        service.Dispose();

        var exported = receiver.Spans().Single(s => s.Name == "chat finish-probe");
        Assert.That(exported.Attributes["gen_ai.response.finish_reasons"], Is.EqualTo(new object[] { "stop", "length" }));
    }

    [Test]
    public void CollectorThatNeverAnswers_CostsAtMostTheExitFlushBudget()
    {
        using var collector = new UnresponsiveCollector();
        var service = TestTelemetry.Create(("telemetry.otlpEndpoint", collector.Endpoint), ("telemetry.exitFlushSeconds", "1"));
        using (var turn = PatCodeDiagnostics.ActivitySource.StartActivity(InstrumentNames.ChatTurnSpan))
        {
        }

        using (var plugin = service.ForPlugin(TestTelemetry.UniqueName("hang")))
        {
            plugin.Increment("calls");
        }

        var clock = Stopwatch.StartNew();
        service.Dispose();
        clock.Stop();

        // Without the bound, traces and metrics each waited for the 5 s request timeout, one after the other.
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
        Assert.That(() => collector.Accepted, Is.GreaterThan(0).After(10_000, 50), "the exporter did connect: the collector was what it waited for");
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
