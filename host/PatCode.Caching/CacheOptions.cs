namespace PatCode.Caching;

/// <summary>The cache's settings, usually read from configuration by <see cref="ResponseCacheFactory"/>.</summary>
public sealed record CacheOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>Most entries kept; above it the expired and then the least valuable entries are evicted.</summary>
    public int MaxEntries { get; init; } = 1000;

    /// <summary>Most bytes of cached values kept; 0 means no byte limit.</summary>
    public long MaxBytes { get; init; }

    public TimeSpan TimeToLive { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Least Jaccard similarity of two prompts' word pairs for a near hit; 1 turns near hits off.</summary>
    public double SimilarityThreshold { get; init; } = 0.85;

    public CacheBackendKind Backend { get; init; } = CacheBackendKind.Sqlite;

    /// <summary>The StackExchange.Redis configuration string (e.g. <c>127.0.0.1:6379</c>) when <see cref="Backend"/> is Redis.</summary>
    public string? RedisEndpoint { get; init; }
}
