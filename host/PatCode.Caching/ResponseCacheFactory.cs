using Microsoft.Extensions.Logging;
using PatCode.Caching.Diagnostics;
using PatCode.Caching.Storage;
using PatCode.Core;
using PatCode.Core.Configuration;

namespace PatCode.Caching;

/// <summary>Builds the configured cache. It never throws for a broken store: the cache then runs disabled, with a warning.</summary>
public static class ResponseCacheFactory
{
    /// <summary>Reads the cache's options from <paramref name="configuration"/>, which must have been loaded with <see cref="CacheConfigKeys.All"/>.</summary>
    /// <exception cref="ConfigurationException">The Redis backend is selected without an endpoint.</exception>
    public static CacheOptions ReadOptions(PatCodeConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var backend = string.Equals(configuration.Get(CacheConfigKeys.Backend), "redis", StringComparison.OrdinalIgnoreCase)
            ? CacheBackendKind.Redis
            : CacheBackendKind.Sqlite;
        var redis = configuration.Get(CacheConfigKeys.Redis);
        if (backend == CacheBackendKind.Redis && string.IsNullOrWhiteSpace(redis))
        {
            throw new ConfigurationException($"'{CacheConfigKeys.Backend}' is redis but '{CacheConfigKeys.Redis}' is not set: set it (or PATCODE_CACHE_REDIS) to the server, e.g. 127.0.0.1:6379.");
        }

        return new CacheOptions
        {
            Enabled = configuration.GetBoolean(CacheConfigKeys.Enabled),
            MaxEntries = configuration.GetInt32(CacheConfigKeys.MaxEntries),
            MaxBytes = configuration.GetInt64(CacheConfigKeys.MaxBytes),
            TimeToLive = configuration.GetSeconds(CacheConfigKeys.TtlSeconds),
            SimilarityThreshold = configuration.GetDouble(CacheConfigKeys.SimilarityThreshold),
            Backend = backend,
            RedisEndpoint = redis,
        };
    }

    /// <summary>The cache as configured: SQLite at <see cref="PatCodePaths.CacheDatabase"/>, or Redis.</summary>
    public static ResponseCache Create(PatCodeConfiguration configuration, PatCodePaths paths, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Create(ReadOptions(configuration), paths.CacheDatabase, loggerFactory, timeProvider);
    }

    /// <summary>A cache with explicit options; <paramref name="databasePath"/> is used by the SQLite backend.</summary>
    public static ResponseCache Create(CacheOptions options, string databasePath, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var logger = loggerFactory.CreateLogger("PatCode.Cache");
        var warnings = new List<string>();
        if (!options.Enabled)
        {
            return new ResponseCache(null, options, logger, warnings, timeProvider);
        }

        try
        {
            ICacheBackend backend = options.Backend == CacheBackendKind.Redis
                ? RedisCacheStore.Connect(options.RedisEndpoint!, options, timeProvider, warnings)
                : SqliteCacheStore.Open(databasePath, options, timeProvider, logger, warnings);
            return new ResponseCache(backend, options, logger, warnings, timeProvider);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.OpenFailed(e);
            warnings.Add($"The response cache could not be opened ({e.Message.Split('\n')[0].Trim()}); running without it. Details are in the log.");
            return new ResponseCache(null, options, logger, warnings, timeProvider);
        }
    }
}
