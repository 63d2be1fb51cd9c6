using PatCode.Caching.Keys;

namespace PatCode.Caching.Storage;

/// <summary>A place entries live (SQLite or Redis). Each store counts hits, misses and evictions itself, so the counters are shared.</summary>
internal interface ICacheBackend : IAsyncDisposable
{
    string Name { get; }

    string Location { get; }

    /// <summary>Finds an exact hit, else (when <paramref name="nearThreshold"/> is below 1 and the key has shingles) the most similar entry at or above it.</summary>
    ValueTask<BackendHit?> GetAsync(CacheKey key, double nearThreshold, CancellationToken cancellationToken);

    ValueTask SetAsync(CacheKey key, StoredValue value, CancellationToken cancellationToken);

    ValueTask<bool> RemoveAsync(CacheKey key, CancellationToken cancellationToken);

    /// <summary>Counts an answer that was not stored because it looked like it held a secret.</summary>
    ValueTask RecordRefusedSecretAsync(CancellationToken cancellationToken);

    ValueTask<long> ClearAsync(CancellationToken cancellationToken);

    ValueTask<long> RemoveExpiredAsync(CancellationToken cancellationToken);

    ValueTask<CacheStatistics> GetStatisticsAsync(CancellationToken cancellationToken);
}
