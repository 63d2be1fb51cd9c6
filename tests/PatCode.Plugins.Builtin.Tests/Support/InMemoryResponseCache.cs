using System.Collections.Concurrent;
using PatCode.Sdk;

namespace PatCode.Plugins.Builtin.Tests.Support;

/// <summary>A dictionary behind <see cref="IResponseCache"/>, counting reads and writes so tests can see the plugin use it.</summary>
internal sealed class InMemoryResponseCache : IResponseCache
{
    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);

    public int Gets { get; private set; }

    public int Sets { get; private set; }

    public IReadOnlyCollection<string> Keys => _values.Keys.ToList();

    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        Gets++;
        return ValueTask.FromResult(_values.TryGetValue(key, out var value) ? value : null);
    }

    public ValueTask SetAsync(string key, string value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        Sets++;
        _values[key] = value;
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default) => ValueTask.FromResult(_values.TryRemove(key, out _));
}
