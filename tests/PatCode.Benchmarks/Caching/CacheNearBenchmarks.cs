using BenchmarkDotNet.Attributes;
using PatCode.Caching;

namespace PatCode.Benchmarks.Caching;

/// <summary>
/// Near-duplicate lookups at 1k, 10k and 100k entries, all in one scope (one model, no context: the worst case).
/// Queries alternate between variants of stored prompts (Jaccard 0.85–0.95, near hits) and unrelated prompts (misses).
/// </summary>
public class CacheNearBenchmarks
{
    private string _path = "";
    private ResponseCache _cache = null!;
    private ChatCacheRequest[] _queries = [];
    private int _next;

    [GlobalSetup(Target = nameof(Near1k))]
    public void Setup1k() => Setup(1_000);

    [GlobalSetup(Target = nameof(Near10k))]
    public void Setup10k() => Setup(10_000);

    [GlobalSetup(Target = nameof(Near100k))]
    public void Setup100k() => Setup(100_000);

    [GlobalCleanup]
    public void Cleanup()
    {
        _cache.Dispose();
        SyntheticPrompts.DeleteDatabase(_path);
    }

    [Benchmark(Description = "cache.near_get_1k_us")]
    public CachedResponse? Near1k() => Lookup();

    [Benchmark(Description = "cache.near_get_10k_us")]
    public CachedResponse? Near10k() => Lookup();

    [Benchmark(Description = "cache.near_get_100k_us")]
    public CachedResponse? Near100k() => Lookup();

    // A new request each call, as each chat turn makes one: the cache keeps a request's key for that request's store.
    private CachedResponse? Lookup() => _cache.GetAsync(_queries[_next++ & 127] with { }).Wait();

    private void Setup(int entries)
    {
        var prompts = new SyntheticPrompts(seed: 2);
        var sentences = Enumerable.Range(0, entries).Select(_ => prompts.Sentence(30)).ToList();
        _path = SyntheticPrompts.TemporaryDatabase("near" + entries);
        _cache = SyntheticPrompts.Fill(_path, sentences.Select(s => string.Join(' ', s)).ToList());
        var queries = new List<ChatCacheRequest>();
        for (var i = 0; i < 64; i++)
        {
            queries.Add(SyntheticPrompts.Request(prompts.Variant(sentences[i * (entries / 64)], 0.85, 0.95).Text));
            queries.Add(SyntheticPrompts.Request(prompts.Prompt(30)));
        }

        _queries = [.. queries];
        var hits = _queries.Count(q => _cache.GetAsync(q).Wait() is not null);
        if (hits != 64)
        {
            throw new InvalidOperationException($"expected 64 near hits among the benchmark's queries, got {hits}");
        }
    }
}
