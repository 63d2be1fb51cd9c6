using Microsoft.Extensions.Logging;
using PatCode.Core.Services;

namespace PatCode.Testing;

/// <summary>The services loaded plugins get in tests and benchmarks: an in-memory cache and per-plugin meters, no configuration.</summary>
public static class InMemoryPluginServices
{
    public static DefaultPluginServiceFactory Create(ILoggerFactory loggers, TimeProvider time)
    {
        var cache = new InMemoryResponseCache(time, TimeSpan.FromHours(24));
        return new DefaultPluginServiceFactory(cache.Partition, name => new MeterPluginTelemetry(name, loggers.CreateLogger(name)));
    }
}
