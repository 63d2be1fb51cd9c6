using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PatCode.Core.Services;
using PatCode.Sdk.Testing;

namespace PatCode.Testing;

/// <summary>The services loaded plugins get in tests and benchmarks: an in-memory cache and per-plugin meters, no configuration.</summary>
public static class InMemoryPluginServices
{
    public static DefaultPluginServiceFactory Create(ILoggerFactory loggers, TimeProvider time)
    {
        // Each plugin gets a partition of its own, as in the real cache: the authors' in-memory cache, one per name.
        var partitions = new ConcurrentDictionary<string, InMemoryResponseCache>(StringComparer.Ordinal);
        return new DefaultPluginServiceFactory(
            name => partitions.GetOrAdd(name, _ => new InMemoryResponseCache(time)),
            name => new MeterPluginTelemetry(name, loggers.CreateLogger(name)));
    }
}
