namespace PatCode.Caching.Storage;

/// <summary>Names of the persisted counters, shared by the SQLite and Redis stores.</summary>
internal static class StatNames
{
    public const string ExactHits = "exact_hits";
    public const string NearHits = "near_hits";
    public const string Misses = "misses";
    public const string EvictedExpired = "evicted_expired";
    public const string EvictedOverEntryLimit = "evicted_entry_limit";
    public const string EvictedOverByteLimit = "evicted_byte_limit";
    public const string RemovedByCleanup = "removed_cleanup";
    public const string RefusedSecrets = "refused_secrets";
    public const string TokensSaved = "tokens_saved";
    public const string ModelMsSaved = "model_ms_saved";

    public static string ForEviction(EvictionReason reason) => reason switch
    {
        EvictionReason.Expired => EvictedExpired,
        EvictionReason.OverEntryLimit => EvictedOverEntryLimit,
        _ => EvictedOverByteLimit,
    };

    public static CacheStatistics ToStatistics(IReadOnlyDictionary<string, long> counters, string backend, string location, long entries, long valueBytes, long bytesOnDisk)
    {
        long Get(string name) => counters.TryGetValue(name, out var v) ? v : 0;
        return new CacheStatistics
        {
            Backend = backend,
            Location = location,
            Entries = entries,
            ExactHits = Get(ExactHits),
            NearHits = Get(NearHits),
            Misses = Get(Misses),
            EvictedExpired = Get(EvictedExpired),
            EvictedOverEntryLimit = Get(EvictedOverEntryLimit),
            EvictedOverByteLimit = Get(EvictedOverByteLimit),
            RemovedByCleanup = Get(RemovedByCleanup),
            RefusedSecrets = Get(RefusedSecrets),
            ValueBytes = valueBytes,
            BytesOnDisk = bytesOnDisk,
            TokensSaved = Get(TokensSaved),
            ModelTimeSaved = TimeSpan.FromMilliseconds(Get(ModelMsSaved)),
        };
    }
}
