namespace PatCode.Caching;

/// <summary>Where cached entries live.</summary>
public enum CacheBackendKind
{
    /// <summary>A SQLite database on this machine (<c>~/.patcode/cache.db</c>).</summary>
    Sqlite,

    /// <summary>A Redis server, shared by several machines.</summary>
    Redis,
}
