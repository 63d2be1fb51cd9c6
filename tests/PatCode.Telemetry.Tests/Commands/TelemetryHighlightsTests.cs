using PatCode.Core.Commands;
using PatCode.Core.Diagnostics;
using PatCode.Telemetry.Tests.Support;
using PatCode.Testing;

namespace PatCode.Telemetry.Tests.Commands;

/// <summary>The built-in metrics, recorded the way the chain, the cache and the chat record them, summed up by /telemetry.</summary>
public sealed class TelemetryHighlightsTests
{
    [Test]
    public async Task Stats_SumsUpCacheChainAndPluginProblems()
    {
        using var service = TestTelemetry.Create();
        var plugin = TestTelemetry.UniqueName("flaky");
        var lookups = PatCodeDiagnostics.Meter.CreateCounter<long>(InstrumentNames.CacheLookups);
        var executions = PatCodeDiagnostics.Meter.CreateCounter<long>(InstrumentNames.PluginExecutions);
        var chain = PatCodeDiagnostics.Meter.CreateHistogram<double>(InstrumentNames.ChainDuration, "s");
        lookups.Add(3, new KeyValuePair<string, object?>("result", "exact"));
        lookups.Add(1, new KeyValuePair<string, object?>("result", "near"));
        lookups.Add(4, new KeyValuePair<string, object?>("result", "miss"));
        executions.Add(2, new("plugin", plugin), new("outcome", "failure"));
        executions.Add(1, new("plugin", plugin), new("outcome", "timeout"));
        executions.Add(9, new("plugin", plugin), new("outcome", "success"));
        chain.Record(0.040);
        chain.Record(0.060);

        var output = new RecordingOutput();
        await service.CreateCommand().ExecuteAsync(new CommandInvocation(["stats"], output, true), CancellationToken.None);

        Assert.That(output.Lines, Has.Member("Cache: 3 hits, 1 near hits, 4 misses (50% answered from cache)"));
        var chainLine = output.Lines.Single(l => l.StartsWith("Plugin chain: 2 runs, ", StringComparison.Ordinal));
        var p50 = double.Parse(System.Text.RegularExpressions.Regex.Match(chainLine, @"p50 ([\d.]+) ms").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(p50, Is.EqualTo(40).Within(1.6).Percent);
        Assert.That(chainLine, Does.EndWith("max 60 ms"));
        Assert.That(output.Lines, Has.Some.StartsWith("Plugins with problems: ").And.Contains($"{plugin} (2 failed, 1 timed out)"));
    }

    [Test]
    public async Task Stats_WithoutBuiltInMetrics_ShowsNoHighlights()
    {
        using var service = TestTelemetry.Create();
        using var telemetry = service.ForPlugin(TestTelemetry.UniqueName("plain"));
        telemetry.Increment("x");

        var output = new RecordingOutput();
        await service.CreateCommand().ExecuteAsync(new CommandInvocation([], output, true), CancellationToken.None);

        Assert.That(output.Lines, Has.None.StartsWith("Cache:").And.None.StartsWith("Plugin chain:"));
    }
}
