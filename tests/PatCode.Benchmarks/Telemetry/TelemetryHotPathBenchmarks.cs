using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Core.Configuration;
using PatCode.Telemetry;
using PatCode.Telemetry.Plugins;

namespace PatCode.Benchmarks.Telemetry;

/// <summary>What a plugin pays per measurement while the /telemetry aggregator listens (no exporter configured).</summary>
public class TelemetryHotPathBenchmarks
{
    private TelemetryService _service = null!;
    private IScopedPluginTelemetry _telemetry = null!;

    [GlobalSetup]
    public void Setup()
    {
        _service = TelemetryService.Create(PatCodeConfiguration.FromValues(TelemetryConfigKeys.All), NullLoggerFactory.Instance, TimeProvider.System);
        _telemetry = _service.ForPlugin("bench");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _telemetry.Dispose();
        _service.Dispose();
    }

    [Benchmark(Description = "telemetry.counter_add_ns")]
    public void CounterAdd() => _telemetry.Increment("requests");

    [Benchmark(Description = "telemetry.timer_scope_ns")]
    public void TimerScope()
    {
        using (_telemetry.StartTimer("parse"))
        {
        }
    }
}
