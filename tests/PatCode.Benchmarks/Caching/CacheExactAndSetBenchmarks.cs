using BenchmarkDotNet.Attributes;
using PatCode.Caching;

namespace PatCode.Benchmarks.Caching;

/// <summary>One exact lookup (key hashing included) in a 1k-entry cache, and one durable write.</summary>
public class CacheExactAndSetBenchmarks
{
    private string _path = "";
    private ResponseCache _cache = null!;
    private ChatCacheRequest[] _stored = [];
    private string[] _newPrompts = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var prompts = new SyntheticPrompts(seed: 1);
        var texts = Enumerable.Range(0, 1000).Select(_ => prompts.Prompt(30)).ToList();
        _path = SyntheticPrompts.TemporaryDatabase("exact");
        _cache = SyntheticPrompts.Fill(_path, texts, new CacheOptions());
        _stored = texts.Take(64).Select(SyntheticPrompts.Request).ToArray();
        _newPrompts = Enumerable.Range(0, 4096).Select(_ => prompts.Prompt(30)).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cache.Dispose();
        SyntheticPrompts.DeleteDatabase(_path);
    }

    [Benchmark(Description = "cache.exact_get_us")]
    // A new request each call, as each chat turn makes one: the cache keeps a request's key for that request's store.
    public CachedResponse? ExactGet() => _cache.GetAsync(_stored[_next++ & 63] with { }).Wait();

    // Default limits (1000 entries), so eviction's share of the cost is included.
    [Benchmark(Description = "cache.set_us")]
    public bool Set()
    {
        var i = _next++;
        var prompt = _newPrompts[i & 4095] + " " + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return _cache.SetAsync(SyntheticPrompts.Request(prompt), "an answer of moderate length", 10, TimeSpan.FromSeconds(1)).Wait();
    }
}
