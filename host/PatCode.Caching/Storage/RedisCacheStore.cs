using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using PatCode.Caching.Keys;
using PatCode.Caching.Similarity;
using PatCode.Core.Security;
using StackExchange.Redis;

namespace PatCode.Caching.Storage;

/// <summary>
/// The cache on a Redis server, so several machines share answers. Each entry is a hash; near lookups use the same
/// LSH bands as the SQLite store, each band bucket a Redis set of entry ids, so a lookup is one SUNION plus one
/// pipelined read of the candidates (no scan). An index sorted set, scored by expiry time, counts entries and
/// picks eviction victims: expired first, then those expiring soonest (the oldest). Redis also expires every key
/// on its own after the TTL, as a backstop. The byte limit is not enforced here (use Redis's maxmemory).
/// </summary>
internal sealed class RedisCacheStore : ICacheBackend
{
    private const string Prefix = "patcode:cache:v1:";
    private const int MaxCandidates = 256;
    private static readonly RedisKey IndexKey = Prefix + "idx";
    private static readonly RedisKey StatsKey = Prefix + "stats";
    private static readonly RedisValue[] HitFields = ["v", "x", "t", "m"];
    private static readonly RedisValue[] CandidateFields = ["s", "sh", "x"];

    private readonly ConnectionMultiplexer _connection;
    private readonly IDatabase _database;
    private readonly CacheOptions _options;
    private readonly TimeProvider _time;

    private RedisCacheStore(ConnectionMultiplexer connection, string endpoint, CacheOptions options, TimeProvider time)
    {
        _connection = connection;
        _database = connection.GetDatabase();
        _options = options;
        _time = time;
        Location = SecretRedactor.MaskConnection(endpoint);
    }

    public string Name => "redis";

    public string Location { get; }

    public static RedisCacheStore Connect(string endpoint, CacheOptions options, TimeProvider time, ICollection<string> warnings)
    {
        var configuration = ConfigurationOptions.Parse(endpoint);
        configuration.AbortOnConnectFail = false;
        // INFO (for the memory figure) and SCAN (for clear) are admin commands to StackExchange.Redis.
        configuration.AllowAdmin = true;
        configuration.ConnectTimeout = 3000;
        configuration.SyncTimeout = 3000;
        configuration.AsyncTimeout = 3000;
        var connection = ConnectionMultiplexer.Connect(configuration);
        if (!connection.IsConnected)
        {
            warnings.Add($"Cannot reach the Redis cache at {SecretRedactor.MaskConnection(endpoint)}; lookups miss until it is reachable. Check cache.redis.");
        }

        return new RedisCacheStore(connection, endpoint, options, time);
    }

    public async ValueTask<BackendHit?> GetAsync(CacheKey key, double nearThreshold, CancellationToken cancellationToken)
    {
        var now = NowMs();
        var entryKey = EntryKey(key.Hash.ToHex());
        var hit = await ReadHitAsync(entryKey, CacheHitKind.Exact, 1, now);
        if (hit is null && nearThreshold < 1 && key.SupportsNear)
        {
            hit = await FindNearAsync(key, nearThreshold, now);
        }

        if (hit is null)
        {
            await _database.HashIncrementAsync(StatsKey, StatNames.Misses, 1);
            return null;
        }

        return hit;
    }

    public async ValueTask SetAsync(CacheKey key, StoredValue value, CancellationToken cancellationToken)
    {
        var now = NowMs();
        var id = key.Hash.ToHex();
        var entryKey = EntryKey(id);
        var ttl = value.TimeToLive;
        var expires = now + (long)ttl.TotalMilliseconds;
        var transaction = _database.CreateTransaction();
        _ = transaction.KeyDeleteAsync(entryKey);
        _ = transaction.HashSetAsync(entryKey,
        [
            new HashEntry("v", value.Value),
            new HashEntry("p", key.Partition),
            new HashEntry("s", unchecked((long)key.NearScope)),
            new HashEntry("sh", MemoryMarshal.AsBytes(key.Shingles.AsSpan()).ToArray()),
            new HashEntry("b", MemoryMarshal.AsBytes(key.BandKeys.AsSpan()).ToArray()),
            new HashEntry("x", expires),
            new HashEntry("c", now),
            new HashEntry("t", value.OutputTokens),
            new HashEntry("m", value.ModelMs),
            new HashEntry("z", Encoding.UTF8.GetByteCount(value.Value)),
        ]);
        _ = transaction.KeyExpireAsync(entryKey, ttl);
        _ = transaction.SortedSetAddAsync(IndexKey, id, expires);
        foreach (var band in key.BandKeys)
        {
            var bucket = BucketKey(band);
            _ = transaction.SetAddAsync(bucket, id);
            _ = transaction.KeyExpireAsync(bucket, ttl);
        }

        await transaction.ExecuteAsync();
        await EvictIfOverLimitAsync(now);
    }

    public async ValueTask<bool> RemoveAsync(CacheKey key, CancellationToken cancellationToken)
    {
        var id = key.Hash.ToHex();
        var removed = await _database.KeyDeleteAsync(EntryKey(id));
        await _database.SortedSetRemoveAsync(IndexKey, id);
        return removed;
    }

    public async ValueTask RecordRefusedSecretAsync(CancellationToken cancellationToken) =>
        await _database.HashIncrementAsync(StatsKey, StatNames.RefusedSecrets, 1);

    public async ValueTask<long> ClearAsync(CancellationToken cancellationToken)
    {
        var entries = await _database.SortedSetLengthAsync(IndexKey);
        foreach (var server in _connection.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            var batch = new List<RedisKey>(500);
            await foreach (var redisKey in server.KeysAsync(_database.Database, Prefix + "*", pageSize: 500).WithCancellation(cancellationToken))
            {
                if (redisKey == StatsKey)
                {
                    continue;
                }

                batch.Add(redisKey);
                if (batch.Count == 500)
                {
                    await _database.KeyDeleteAsync([.. batch]);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await _database.KeyDeleteAsync([.. batch]);
            }
        }

        return entries;
    }

    public async ValueTask<long> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var removed = await RemoveExpiredCoreAsync(NowMs());
        if (removed > 0)
        {
            await _database.HashIncrementAsync(StatsKey, StatNames.RemovedByCleanup, removed);
        }

        return removed;
    }

    public async ValueTask<CacheStatistics> GetStatisticsAsync(CancellationToken cancellationToken)
    {
        var counters = (await _database.HashGetAllAsync(StatsKey)).ToDictionary(e => e.Name.ToString(), e => (long)e.Value, StringComparer.Ordinal);
        var entries = await _database.SortedSetLengthAsync(IndexKey);
        long memory = 0;
        var server = _connection.GetServers().FirstOrDefault(s => s.IsConnected);
        if (server is not null)
        {
            var info = await server.InfoAsync("memory");
            var used = info.SelectMany(g => g).FirstOrDefault(p => p.Key == "used_memory").Value;
            _ = long.TryParse(used, NumberStyles.Integer, CultureInfo.InvariantCulture, out memory);
        }

        return StatNames.ToStatistics(counters, Name, Location, entries, valueBytes: 0, memory);
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    private async Task<BackendHit?> ReadHitAsync(RedisKey entryKey, CacheHitKind kind, double similarity, long now)
    {
        var fields = await _database.HashGetAsync(entryKey, HitFields);
        if (fields[0].IsNull || (long)fields[1] <= now)
        {
            return null;
        }

        var tokens = (long)fields[2];
        var modelMs = (long)fields[3];
        // Awaited, so a statistics read from another connection right after sees them.
        var batch = _database.CreateBatch();
        var counted = new Task[]
        {
            batch.HashIncrementAsync(entryKey, "h", 1),
            batch.HashIncrementAsync(StatsKey, kind == CacheHitKind.Exact ? StatNames.ExactHits : StatNames.NearHits, 1),
            batch.HashIncrementAsync(StatsKey, StatNames.TokensSaved, tokens),
            batch.HashIncrementAsync(StatsKey, StatNames.ModelMsSaved, modelMs),
        };
        batch.Execute();
        await Task.WhenAll(counted);
        return new BackendHit(fields[0].ToString(), kind, similarity, tokens, modelMs);
    }

    private async Task<BackendHit?> FindNearAsync(CacheKey key, double threshold, long now)
    {
        var members = await _database.SetCombineAsync(SetOperation.Union, key.BandKeys.Select(b => (RedisKey)BucketKey(b)).ToArray());
        if (members.Length == 0)
        {
            return null;
        }

        var candidates = members.Take(MaxCandidates).Select(m => m.ToString()).ToArray();
        var batch = _database.CreateBatch();
        var reads = candidates.Select(id => batch.HashGetAsync(EntryKey(id), CandidateFields)).ToArray();
        batch.Execute();
        await Task.WhenAll(reads);

        string? best = null;
        var bestSimilarity = 0.0;
        var gone = new List<RedisValue>();
        for (var i = 0; i < candidates.Length; i++)
        {
            var fields = reads[i].Result;
            if (fields[0].IsNull)
            {
                gone.Add(candidates[i]);
                continue;
            }

            if (unchecked((ulong)(long)fields[0]) != key.NearScope || (long)fields[2] <= now)
            {
                continue;
            }

            var shingles = MemoryMarshal.Cast<byte, ulong>((byte[])fields[1]!);
            var similarity = Jaccard.Similarity(key.Shingles, shingles);
            if (similarity >= threshold && similarity > bestSimilarity)
            {
                best = candidates[i];
                bestSimilarity = similarity;
            }
        }

        if (gone.Count > 0)
        {
            // Evicted or expired entries stay in band buckets until someone meets them; drop them so buckets stay small.
            var cleanup = _database.CreateBatch();
            var removals = key.BandKeys.Select(band => cleanup.SetRemoveAsync(BucketKey(band), [.. gone])).ToArray();
            cleanup.Execute();
            await Task.WhenAll(removals);
        }

        return best is null ? null : await ReadHitAsync(EntryKey(best), CacheHitKind.Near, bestSimilarity, now);
    }

    private async Task EvictIfOverLimitAsync(long now)
    {
        var count = await _database.SortedSetLengthAsync(IndexKey);
        if (count <= _options.MaxEntries)
        {
            return;
        }

        var expired = await RemoveExpiredCoreAsync(now);
        if (expired > 0)
        {
            await _database.HashIncrementAsync(StatsKey, StatNames.EvictedExpired, expired);
        }

        count -= expired;
        var target = Math.Max(1, _options.MaxEntries - Math.Max(1, _options.MaxEntries / 10));
        if (count <= target)
        {
            return;
        }

        var victims = await _database.SortedSetRangeByRankAsync(IndexKey, 0, count - target - 1);
        await DeleteEntriesAsync(victims);
        await _database.HashIncrementAsync(StatsKey, StatNames.EvictedOverEntryLimit, victims.Length);
    }

    private async Task<long> RemoveExpiredCoreAsync(long now)
    {
        var expired = await _database.SortedSetRangeByScoreAsync(IndexKey, double.NegativeInfinity, now);
        await DeleteEntriesAsync(expired);
        return expired.Length;
    }

    private async Task DeleteEntriesAsync(RedisValue[] ids)
    {
        if (ids.Length == 0)
        {
            return;
        }

        // Take each entry out of its band buckets too, so near lookups do not meet it again.
        var read = _database.CreateBatch();
        var bands = ids.Select(id => read.HashGetAsync(EntryKey(id.ToString()), "b")).ToArray();
        read.Execute();
        await Task.WhenAll(bands);
        var write = _database.CreateBatch();
        var pending = new List<Task>();
        for (var i = 0; i < ids.Length; i++)
        {
            if (bands[i].Result.IsNull)
            {
                continue;
            }

            foreach (var band in MemoryMarshal.Cast<byte, ulong>((byte[])bands[i].Result!))
            {
                pending.Add(write.SetRemoveAsync(BucketKey(band), ids[i]));
            }
        }

        pending.Add(write.KeyDeleteAsync(ids.Select(id => (RedisKey)EntryKey(id.ToString())).ToArray()));
        pending.Add(write.SortedSetRemoveAsync(IndexKey, ids));
        write.Execute();
        await Task.WhenAll(pending);
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static string EntryKey(string id) => Prefix + "e:" + id;

    private static string BucketKey(ulong band) => Prefix + "b:" + band.ToString("x16", CultureInfo.InvariantCulture);
}
