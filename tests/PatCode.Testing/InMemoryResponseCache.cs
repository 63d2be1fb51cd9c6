using System.Collections.Concurrent;
using PatCode.Sdk;

namespace PatCode.Testing;

/// <summary>
/// A working in-process cache for plugins, partitioned by plugin name, with expiry: what tests and benchmarks
/// give loaded plugins instead of the durable SQLite/Redis cache.
/// </summary>
internal sealed class InMemoryResponseCache
{
    private readonly ConcurrentDictionary<(string Partition, string Key), (string Value, DateTimeOffset Expires)> _entries = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _defaultTimeToLive;

    public InMemoryResponseCache(TimeProvider time, TimeSpan defaultTimeToLive)
    {
        _time = time;
        _defaultTimeToLive = defaultTimeToLive;
    }

    public int Count => _entries.Count;

    public IResponseCache Partition(string name) => new PartitionView(this, name);

    private sealed class PartitionView(InMemoryResponseCache owner, string partition) : IResponseCache
    {
        public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default)
        {
            if (owner._entries.TryGetValue((partition, key), out var entry))
            {
                if (entry.Expires > owner._time.GetUtcNow())
                {
                    return ValueTask.FromResult<string?>(entry.Value);
                }

                owner._entries.TryRemove(new((partition, key), entry));
            }

            return ValueTask.FromResult<string?>(null);
        }

        public ValueTask SetAsync(string key, string value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(value);
            owner._entries[(partition, key)] = (value, owner._time.GetUtcNow() + (timeToLive ?? owner._defaultTimeToLive));
            return ValueTask.CompletedTask;
        }

        public ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(owner._entries.TryRemove((partition, key), out _));
    }
}
