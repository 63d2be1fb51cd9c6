using System.Runtime.CompilerServices;
using PatCode.Core.Diagnostics;
using PatCode.Sdk;
using PatCode.Telemetry.Aggregation;
using PatCode.Telemetry.Tests.Support;

namespace PatCode.Telemetry.Tests.Plugins;

public sealed class PluginTelemetryTests
{
    private TelemetryService _service = null!;

    [SetUp]
    public void SetUp() => _service = TestTelemetry.Create();

    [TearDown]
    public void TearDown() => _service.Dispose();

    private List<MetricPoint> PointsOf(string plugin) =>
        _service.Metrics().Where(p => p.Meter == PluginMetricNames.MeterName(plugin)).ToList();

    [Test]
    public void Increment_ShowsUpInPatCodesPluginNamespaceWithThePluginAsTag()
    {
        var plugin = TestTelemetry.UniqueName("git");
        using var telemetry = _service.ForPlugin(plugin);

        telemetry.Increment("files_read", 3);
        telemetry.Increment("files_read");

        var point = PointsOf(plugin).Single();
        Assert.Multiple(() =>
        {
            Assert.That(point.Name, Is.EqualTo($"patcode.plugin.{plugin.Replace('-', '_')}.files_read"));
            Assert.That(point.Kind, Is.EqualTo(InstrumentKind.Counter));
            Assert.That(point.Unit, Is.EqualTo("{count}"));
            Assert.That(point.Value, Is.EqualTo(4));
            Assert.That(point.Tags, Is.EqualTo(new Dictionary<string, string> { ["plugin"] = plugin }));
        });
    }

    [Test]
    public void SetGauge_KeepsTheLastValue()
    {
        var plugin = TestTelemetry.UniqueName("idx");
        using var telemetry = _service.ForPlugin(plugin);

        telemetry.SetGauge("indexed", 10);
        telemetry.SetGauge("indexed", 12.5);

        var point = PointsOf(plugin).Single();
        Assert.That(point.Name, Is.EqualTo($"patcode.plugin.{plugin.Replace('-', '_')}.indexed"));
        Assert.That(point.Kind, Is.EqualTo(InstrumentKind.Gauge));
        Assert.That(point.Value, Is.EqualTo(12.5));
    }

    [Test]
    public void StartTimer_RecordsOneDurationInSecondsWhenDisposed()
    {
        var plugin = TestTelemetry.UniqueName("timer");
        using var telemetry = _service.ForPlugin(plugin);

        using (telemetry.StartTimer("parse"))
        {
            Thread.Sleep(20);
        }

        telemetry.RecordDuration("parse", TimeSpan.FromMilliseconds(100));

        var point = PointsOf(plugin).Single();
        Assert.Multiple(() =>
        {
            Assert.That(point.Name, Is.EqualTo($"patcode.plugin.{plugin.Replace('-', '_')}.parse"));
            Assert.That(point.Unit, Is.EqualTo("s"));
            Assert.That(point.Distribution!.Count, Is.EqualTo(2));
            Assert.That(point.Distribution.Min, Is.GreaterThanOrEqualTo(0.019));
            Assert.That(point.Distribution.Max, Is.EqualTo(0.1).Within(1e-9));
        });
    }

    [Test]
    public void AlternatingMetricNames_EachKeepItsOwnNumbers()
    {
        var plugin = TestTelemetry.UniqueName("alt");
        using var telemetry = _service.ForPlugin(plugin);

        for (var i = 0; i < 10; i++)
        {
            telemetry.Increment("a");
            telemetry.Increment("c", 2);
            telemetry.Increment(new string('a', 1));
        }

        var points = PointsOf(plugin);
        Assert.That(points.Single(p => p.Name.EndsWith(".a", StringComparison.Ordinal)).Value, Is.EqualTo(20));
        Assert.That(points.Single(p => p.Name.EndsWith(".c", StringComparison.Ordinal)).Value, Is.EqualTo(20));
    }

    [Test]
    public void RecordEvent_IsKeptWithThePluginAsSourceAndItsMetadataAsText()
    {
        var plugin = TestTelemetry.UniqueName("ev");
        using var telemetry = _service.ForPlugin(plugin);

        telemetry.RecordEvent("index.rebuilt", TelemetryLevel.Warning, new Dictionary<string, object?> { ["files"] = 42, ["reason"] = "stale" });

        var recorded = _service.Events().Single(e => e.Source == plugin);
        Assert.That(recorded.Name, Is.EqualTo("index.rebuilt"));
        Assert.That(recorded.Level, Is.EqualTo(TelemetryLevel.Warning));
        Assert.That(recorded.Metadata, Is.EqualTo(new Dictionary<string, string> { ["files"] = "42", ["reason"] = "stale" }));
    }

    [Test]
    public void Dispose_ClosesThePluginsMeterButKeepsWhatItRecorded()
    {
        var plugin = TestTelemetry.UniqueName("unload");
        var telemetry = _service.ForPlugin(plugin);
        telemetry.Increment("calls", 5);

        telemetry.Dispose();
        telemetry.Increment("calls", 100);
        telemetry.Increment("new_after_unload");
        telemetry.SetGauge("gauge_after_unload", 1);
        telemetry.RecordDuration("timer_after_unload", TimeSpan.FromSeconds(1));
        telemetry.RecordEvent("after.unload");

        Assert.That(PointsOf(plugin).Single().Value, Is.EqualTo(5));
        Assert.That(_service.Events().Any(e => e.Source == plugin), Is.False);
    }

    [Test]
    public void ReloadedPlugin_ContinuesItsCounters()
    {
        var plugin = TestTelemetry.UniqueName("reload");
        using (var first = _service.ForPlugin(plugin))
        {
            first.Increment("calls", 2);
        }

        using var second = _service.ForPlugin(plugin);
        second.Increment("calls", 3);

        Assert.That(PointsOf(plugin).Single().Value, Is.EqualTo(5));
    }

    [Test]
    public void NamesWithCharactersOpenTelemetryRejects_BecomeSnakeCase()
    {
        using var telemetry = _service.ForPlugin("9 Odd Plugin!");

        telemetry.Increment("Hits per/second?");

        var point = _service.Metrics().Single(p => p.Meter == "PatCode.Plugins.9_Odd_Plugin_");
        Assert.That(point.Name, Is.EqualTo("patcode.plugin.9_odd_plugin.hits_per_second"));
        Assert.That(point.Tags["plugin"], Is.EqualTo("9 Odd Plugin!"));
    }

    [Test]
    public void Increment_NegativeDelta_IsRejected()
    {
        using var telemetry = _service.ForPlugin(TestTelemetry.UniqueName("neg"));

        Assert.That(() => telemetry.Increment("x", -1), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void RecordEvent_DoesNotKeepThePluginsMetadataObjectsAlive()
    {
        using var telemetry = _service.ForPlugin(TestTelemetry.UniqueName("alc"));

        var reference = RecordWithPluginObject(telemetry);
        for (var i = 0; i < 10 && reference.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.That(reference.IsAlive, Is.False);
        Assert.That(_service.Events()[^1].Metadata["value"], Is.EqualTo("plugin-object"));
    }

    [Test]
    public void DisabledTelemetry_GivesPluginsAnInstanceThatRecordsNothing()
    {
        using var off = TestTelemetry.Create(("telemetry.enabled", "false"));
        var plugin = TestTelemetry.UniqueName("off");
        using var telemetry = off.ForPlugin(plugin);

        telemetry.Increment("calls");
        telemetry.RecordEvent("something");

        Assert.That(off.Enabled, Is.False);
        Assert.That(off.Metrics(), Is.Empty);
        Assert.That(off.Events(), Is.Empty);
        Assert.That(telemetry.PluginName, Is.EqualTo(plugin));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference RecordWithPluginObject(IPluginTelemetry telemetry)
    {
        var pluginObject = new PluginOwnedThing();
        telemetry.RecordEvent("with.object", TelemetryLevel.Info, new Dictionary<string, object?> { ["value"] = pluginObject });
        return new WeakReference(pluginObject);
    }

    private sealed class PluginOwnedThing
    {
        public override string ToString() => "plugin-object";
    }
}
