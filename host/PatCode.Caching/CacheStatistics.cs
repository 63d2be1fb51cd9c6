namespace PatCode.Caching;

/// <summary>What <c>/cache stats</c> shows. Counters cover every process that shares the store.</summary>
public sealed record CacheStatistics
{
    public required string Backend { get; init; }

    public required string Location { get; init; }

    public long Entries { get; init; }

    public long ExactHits { get; init; }

    public long NearHits { get; init; }

    public long Misses { get; init; }

    public double HitRate => ExactHits + NearHits + Misses == 0 ? 0 : (double)(ExactHits + NearHits) / (ExactHits + NearHits + Misses);

    public long EvictedExpired { get; init; }

    public long EvictedOverEntryLimit { get; init; }

    public long EvictedOverByteLimit { get; init; }

    /// <summary>Expired entries removed by <c>/cache cleanup</c>.</summary>
    public long RemovedByCleanup { get; init; }

    /// <summary>Answers not stored because they held something that looked like a secret.</summary>
    public long RefusedSecrets { get; init; }

    /// <summary>Bytes of the cached values.</summary>
    public long ValueBytes { get; init; }

    /// <summary>Bytes the store takes on disk (database and write-ahead log), or in Redis memory when known.</summary>
    public long BytesOnDisk { get; init; }

    public long TokensSaved { get; init; }

    public TimeSpan ModelTimeSaved { get; init; }
}
