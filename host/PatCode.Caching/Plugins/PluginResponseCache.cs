using PatCode.Sdk;

namespace PatCode.Caching.Plugins;

/// <summary>A plugin's view of the cache: its own partition, exact keys only. Keys are stored only as hashes.</summary>
internal sealed class PluginResponseCache(ResponseCache cache, string partition) : IResponseCache
{
    public string Partition => partition;

    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return cache.GetPluginValueAsync(partition, key, cancellationToken);
    }

    public ValueTask SetAsync(string key, string value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (timeToLive is { } ttl && ttl <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeToLive), "The time to live must be positive.");
        }

        return cache.SetPluginValueAsync(partition, key, value, timeToLive, cancellationToken);
    }

    public ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return cache.RemovePluginValueAsync(partition, key, cancellationToken);
    }
}
