using System.Runtime.InteropServices;
using PatCode.Caching.Keys;
using PatCode.Caching.Similarity;

namespace PatCode.Caching.Storage;

/// <summary>
/// The SQLite store's in-memory view: exact keys in a dictionary, and each near-capable entry in one LSH bucket per
/// band. A near lookup visits only the entries sharing a bucket with the query, never the whole cache. Not
/// thread-safe: the store serialises access.
/// </summary>
internal sealed class InMemoryIndex
{
    private readonly Dictionary<KeyHash, StoredEntry> _byKey = [];
    // A bucket is a lone StoredEntry (the usual case) or a List<StoredEntry>: at 100k entries there are ~2M buckets,
    // and a list for each would double the time to open the cache.
    private readonly Dictionary<ulong, object> _buckets = [];
    private int _visit;

    /// <summary>At most this many bytes of values are kept in memory; beyond it values are read from the store.</summary>
    public const long ValueMemoryBudget = 32L * 1024 * 1024;

    private long _valueBytes;

    public int Count => _byKey.Count;

    public long TotalBytes { get; private set; }

    public IEnumerable<StoredEntry> Entries => _byKey.Values;

    public bool TryGet(KeyHash key, out StoredEntry entry) => _byKey.TryGetValue(key, out entry!);

    /// <summary>Makes room for <paramref name="entries"/> entries up front, so a bulk load does not rehash.</summary>
    public void EnsureCapacity(int entries)
    {
        _byKey.EnsureCapacity(entries);
        _buckets.EnsureCapacity(entries * MinHasher.Bands);
    }

    public void Add(StoredEntry entry)
    {
        Remove(entry.Key);
        _byKey[entry.Key] = entry;
        TotalBytes += entry.Size;
        foreach (var band in entry.BandKeys)
        {
            ref var bucket = ref CollectionsMarshal.GetValueRefOrAddDefault(_buckets, band, out _);
            switch (bucket)
            {
                case null:
                    bucket = entry;
                    break;
                case StoredEntry single:
                    bucket = new List<StoredEntry>(2) { single, entry };
                    break;
                default:
                    ((List<StoredEntry>)bucket).Add(entry);
                    break;
            }
        }
    }

    /// <summary>Keeps <paramref name="value"/> with its entry while the memory budget allows, so an exact hit needs no read.</summary>
    public void RememberValue(StoredEntry entry, string value)
    {
        if (entry.Value is null && _valueBytes + entry.Size <= ValueMemoryBudget && _byKey.TryGetValue(entry.Key, out var current) && ReferenceEquals(current, entry))
        {
            entry.Value = value;
            _valueBytes += entry.Size;
        }
    }

    public bool Remove(KeyHash key)
    {
        if (!_byKey.Remove(key, out var entry))
        {
            return false;
        }

        TotalBytes -= entry.Size;
        if (entry.Value is not null)
        {
            _valueBytes -= entry.Size;
            entry.Value = null;
        }

        foreach (var band in entry.BandKeys)
        {
            if (!_buckets.TryGetValue(band, out var bucket))
            {
                continue;
            }

            if (ReferenceEquals(bucket, entry))
            {
                _buckets.Remove(band);
            }
            else if (bucket is List<StoredEntry> list)
            {
                var at = list.IndexOf(entry);
                if (at >= 0)
                {
                    list[at] = list[^1];
                    list.RemoveAt(list.Count - 1);
                }

                if (list.Count == 1)
                {
                    _buckets[band] = list[0];
                }
            }
        }

        return true;
    }

    public void Clear()
    {
        _byKey.Clear();
        _buckets.Clear();
        TotalBytes = 0;
        _valueBytes = 0;
    }

    /// <summary>The unexpired entry most similar to <paramref name="key"/>'s prompt at or above <paramref name="threshold"/>.</summary>
    public (StoredEntry Entry, double Similarity)? FindNear(CacheKey key, double threshold, long nowMs)
    {
        if (!key.SupportsNear)
        {
            return null;
        }

        var stamp = ++_visit;
        StoredEntry? best = null;
        var bestSimilarity = 0.0;
        foreach (var band in key.BandKeys)
        {
            if (!_buckets.TryGetValue(band, out var bucket))
            {
                continue;
            }

            if (bucket is StoredEntry single)
            {
                Consider(single);
            }
            else
            {
                foreach (var candidate in (List<StoredEntry>)bucket)
                {
                    Consider(candidate);
                }
            }
        }

        return best is null ? null : (best, bestSimilarity);

        void Consider(StoredEntry candidate)
        {
            if (candidate.VisitStamp == stamp)
            {
                return;
            }

            candidate.VisitStamp = stamp;
            if (candidate.NearScope != key.NearScope || candidate.IsExpired(nowMs))
            {
                return;
            }

            var similarity = Jaccard.Similarity(key.Shingles, candidate.Shingles);
            if (similarity >= threshold && similarity > bestSimilarity)
            {
                best = candidate;
                bestSimilarity = similarity;
            }
        }
    }

    /// <summary>
    /// The entries to evict so that at most <paramref name="targetCount"/> entries and <paramref name="targetBytes"/>
    /// bytes remain: expired ones first, then those with the fewest hits, least recently used first.
    /// </summary>
    public List<(StoredEntry Entry, EvictionReason Reason)> SelectVictims(int targetCount, long targetBytes, long nowMs, KeyHash keep)
    {
        var victims = new List<(StoredEntry, EvictionReason)>();
        var count = Count;
        var bytes = TotalBytes;
        var remaining = new List<StoredEntry>(Count);
        foreach (var entry in _byKey.Values)
        {
            if (entry.IsExpired(nowMs) && !entry.Key.Equals(keep))
            {
                victims.Add((entry, EvictionReason.Expired));
                count--;
                bytes -= entry.Size;
            }
            else if (!entry.Key.Equals(keep))
            {
                remaining.Add(entry);
            }
        }

        if (count <= targetCount && bytes <= targetBytes)
        {
            return victims;
        }

        remaining.Sort(static (a, b) =>
        {
            var byHits = a.Hits.CompareTo(b.Hits);
            return byHits != 0 ? byHits : Math.Max(a.LastHitMs, a.CreatedMs).CompareTo(Math.Max(b.LastHitMs, b.CreatedMs));
        });
        foreach (var entry in remaining)
        {
            if (count <= targetCount && bytes <= targetBytes)
            {
                break;
            }

            victims.Add((entry, count > targetCount ? EvictionReason.OverEntryLimit : EvictionReason.OverByteLimit));
            count--;
            bytes -= entry.Size;
        }

        return victims;
    }
}
