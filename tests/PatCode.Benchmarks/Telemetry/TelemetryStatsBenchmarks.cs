using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Core.Commands;
using PatCode.Core.Configuration;
using PatCode.Sdk;
using PatCode.Telemetry;
using PatCode.Testing;

namespace PatCode.Benchmarks.Telemetry;

/// <summary>
/// <c>/telemetry stats</c> end to end (snapshot, percentiles, event counts, table text) with 10 000 events in
/// the ring buffer and a realistic set of plugin counters and timers holding 10 000 timer measurements.
/// </summary>
public class TelemetryStatsBenchmarks
{
    private TelemetryService _service = null!;
    private IHostCommand _command = null!;
    private CommandInvocation _invocation = null!;

    [GlobalSetup]
    public void Setup()
    {
        _service = TelemetryService.Create(PatCodeConfiguration.FromValues(TelemetryConfigKeys.All), NullLoggerFactory.Instance, TimeProvider.System);
        var random = new Random(42);
        for (var p = 0; p < 10; p++)
        {
            var plugin = _service.ForPlugin($"plugin{p}");
            for (var i = 0; i < 1_000; i++)
            {
                plugin.Increment("calls");
                plugin.RecordDuration("run", TimeSpan.FromMilliseconds(random.NextDouble() * 50));
                plugin.RecordEvent("ran", (TelemetryLevel)(i % 3), new Dictionary<string, object?> { ["i"] = i });
            }
        }

        _command = _service.CreateCommand();
        _invocation = new CommandInvocation(["stats"], new DiscardingOutput(), InRepl: true);
    }

    [GlobalCleanup]
    public void Cleanup() => _service.Dispose();

    [Benchmark(Description = "telemetry.stats_ms")]
    public int Stats() => _command.ExecuteAsync(_invocation, CancellationToken.None).GetAwaiter().GetResult();
}
