using System.Collections.Concurrent;

namespace PatCode.Sdk.Testing;

/// <summary>An <see cref="IResponseCache"/> in a dictionary, with expiry and counts, so tests can see how a plugin uses it.</summary>
public sealed class InMemoryResponseCache : IResponseCache
{
    /// <summary>The time to live when a plugin gives none; the host's default is configurable, this one is fixed.</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, (string Value, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private int _gets;
    private int _sets;

    /// <summary>Creates an empty cache on <paramref name="timeProvider"/>'s clock.</summary>
    /// <param name="timeProvider">The clock that decides expiry.</param>
    public InMemoryResponseCache(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
    }

    /// <summary>How many lookups the plugin made.</summary>
    public int Gets => _gets;

    /// <summary>How many values the plugin stored.</summary>
    public int Sets => _sets;

    /// <summary>The keys stored and not yet expired.</summary>
    public IReadOnlyCollection<string> Keys => [.. _entries.Where(e => e.Value.Expires > _time.GetUtcNow()).Select(e => e.Key)];

    /// <inheritdoc/>
    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        Interlocked.Increment(ref _gets);
        return ValueTask.FromResult(_entries.TryGetValue(key, out var entry) && entry.Expires > _time.GetUtcNow() ? entry.Value : null);
    }

    /// <inheritdoc/>
    public ValueTask SetAsync(string key, string value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (timeToLive is { } ttl && ttl <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeToLive), ttl, "The time to live must be positive.");
        }

        Interlocked.Increment(ref _sets);
        _entries[key] = (value, _time.GetUtcNow() + (timeToLive ?? DefaultTimeToLive));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ValueTask.FromResult(_entries.TryRemove(key, out _));
    }
}
