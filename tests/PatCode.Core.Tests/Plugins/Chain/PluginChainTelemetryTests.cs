using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using PatCode.Core.Diagnostics;

namespace PatCode.Core.Tests.Plugins.Chain;

/// <summary>The chain's own metrics and spans: seconds, descriptions, and the plugin and outcome on each.</summary>
[NonParallelizable]
public sealed class PluginChainTelemetryTests : PluginHostTestBase
{
    [Test]
    public async Task ChainRun_RecordsSecondsWithPluginAndOutcome_AndTagsThePluginSpan()
    {
        var measurements = new ConcurrentBag<(Instrument Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PatCodeDiagnostics.Name && instrument.Name is InstrumentNames.PluginExecutions or InstrumentNames.PluginDuration or InstrumentNames.ChainDuration)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => measurements.Add((i, v, Tags(t))));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => measurements.Add((i, v, Tags(t))));
        listener.Start();
        var spans = new ConcurrentBag<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name == PatCodeDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(activities);
        TestPlugins.Install("TestPlugins.Alpha", Fixture.TrustedRoot);
        var host = Fixture.Create();
        await host.StartAsync();

        await host.Chain.RunAsync(PluginHostFixture.Request("hello"), CancellationToken.None);

        var execution = measurements.First(m => m.Instrument.Name == InstrumentNames.PluginExecutions && Equals(m.Tags["plugin"], "Alpha"));
        var duration = measurements.First(m => m.Instrument.Name == InstrumentNames.PluginDuration && Equals(m.Tags["plugin"], "Alpha"));
        var chain = measurements.First(m => m.Instrument.Name == InstrumentNames.ChainDuration);
        var span = spans.First(s => s.OperationName == InstrumentNames.PluginSpan && Equals(s.GetTagItem("patcode.plugin"), "Alpha"));
        Assert.Multiple(() =>
        {
            Assert.That(execution.Tags["outcome"], Is.EqualTo("success"));
            Assert.That(execution.Instrument.Unit, Is.EqualTo("{execution}"));
            Assert.That(duration.Tags["outcome"], Is.EqualTo("success"));
            Assert.That(duration.Instrument.Unit, Is.EqualTo("s"));
            Assert.That(duration.Value, Is.GreaterThan(0).And.LessThan(30), "seconds, not milliseconds");
            Assert.That(chain.Instrument.Unit, Is.EqualTo("s"));
            Assert.That(new[] { execution.Instrument, duration.Instrument, chain.Instrument }.Select(i => i.Description), Has.All.Not.Empty);
            Assert.That(span.GetTagItem("patcode.outcome"), Is.EqualTo("success"));
            Assert.That(span.GetTagItem("plugin"), Is.Null, "PatCode's span attributes are namespaced");
        });
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }
}
