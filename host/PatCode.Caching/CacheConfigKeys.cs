using PatCode.Core.Configuration;

namespace PatCode.Caching;

/// <summary>The cache's configuration keys; the host adds <see cref="All"/> to the keys it loads.</summary>
public static class CacheConfigKeys
{
    public const string Enabled = "cache.enabled";
    public const string MaxEntries = "cache.maxEntries";
    public const string MaxBytes = "cache.maxBytes";
    public const string TtlSeconds = "cache.ttlSeconds";
    public const string SimilarityThreshold = "cache.similarityThreshold";
    public const string Backend = "cache.backend";
    public const string Redis = "cache.redis";

    public static IReadOnlyList<ConfigKey> All { get; } =
    [
        new(Enabled, "Whether answers are cached and replayed", "true")
        {
            EnvironmentVariables = ["PATCODE_CACHE_ENABLED", "CACHE_ENABLED"],
            Validate = Validators.Boolean,
        },
        new(MaxEntries, "Most entries kept before the least valuable are evicted", "1000")
        {
            EnvironmentVariables = ["PATCODE_CACHE_MAX_ENTRIES", "CACHE_MAX_ENTRIES"],
            Validate = Validators.WholeNumber(1, 10_000_000),
        },
        new(MaxBytes, "Most bytes of cached answers kept (0: no byte limit)", "0")
        {
            EnvironmentVariables = ["PATCODE_CACHE_MAX_BYTES", "CACHE_MAX_BYTES"],
            Validate = Validators.WholeNumber(0, long.MaxValue),
        },
        new(TtlSeconds, "How long an answer stays valid, in seconds", "86400")
        {
            EnvironmentVariables = ["PATCODE_CACHE_TTL_SECONDS", "CACHE_TTL_SECONDS"],
            Validate = Validators.WholeNumber(1, 10L * 366 * 24 * 3600),
        },
        new(SimilarityThreshold, "Least word-pair Jaccard similarity for a near hit (1: exact hits only)", "0.85")
        {
            EnvironmentVariables = ["PATCODE_CACHE_SIMILARITY_THRESHOLD", "CACHE_SIMILARITY_THRESHOLD"],
            Validate = Validators.Number(0.7, 1.0),
        },
        new(Backend, "Where the cache lives: sqlite (this machine) or redis (shared)", "sqlite")
        {
            EnvironmentVariables = ["PATCODE_CACHE_BACKEND"],
            Validate = Validators.OneOf("sqlite", "redis"),
        },
        new(Redis, "The Redis endpoint when cache.backend is redis, e.g. 127.0.0.1:6379", null)
        {
            EnvironmentVariables = ["PATCODE_CACHE_REDIS"],
            // A StackExchange.Redis configuration string may carry a password: shown as password=***.
            HoldsCredentials = true,
            Validate = static value => string.IsNullOrWhiteSpace(value) ? "it is empty" : null,
        },
    ];
}
