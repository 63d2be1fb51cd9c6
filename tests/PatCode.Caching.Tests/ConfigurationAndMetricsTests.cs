using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Core;
using PatCode.Core.Configuration;
using PatCode.Core.Diagnostics;

namespace PatCode.Caching.Tests;

public sealed class ConfigurationAndMetricsTests
{
    [Test]
    public void ReadOptions_PrototypeEnvironmentVariables_AreHonoured()
    {
        var environment = new Dictionary<string, string?>
        {
            ["CACHE_ENABLED"] = "false",
            ["CACHE_MAX_ENTRIES"] = "50",
            ["CACHE_TTL_SECONDS"] = "60",
            ["CACHE_SIMILARITY_THRESHOLD"] = "0.9",
        };
        var configuration = PatCodeConfiguration.Load(CacheConfigKeys.All, "", environment, new Dictionary<string, string>());

        var options = ResponseCacheFactory.ReadOptions(configuration);

        Assert.That(options.Enabled, Is.False);
        Assert.That(options.MaxEntries, Is.EqualTo(50));
        Assert.That(options.TimeToLive, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(options.SimilarityThreshold, Is.EqualTo(0.9));
    }

    [Test]
    public void ReadOptions_Defaults_MatchTheDocumentedOnes()
    {
        var options = ResponseCacheFactory.ReadOptions(PatCodeConfiguration.FromValues(CacheConfigKeys.All));

        Assert.That(options, Is.EqualTo(new CacheOptions()));
    }

    [Test]
    public void ReadOptions_RedisWithoutEndpoint_SaysWhichKeyToSet()
    {
        var configuration = PatCodeConfiguration.FromValues(CacheConfigKeys.All, new Dictionary<string, string> { [CacheConfigKeys.Backend] = "redis" });

        var error = Assert.Throws<ConfigurationException>(() => ResponseCacheFactory.ReadOptions(configuration));

        Assert.That(error!.Message, Does.Contain("cache.redis"));
    }

    [TestCase("cache.similarityThreshold", "1.5")]
    [TestCase("cache.maxEntries", "0")]
    [TestCase("cache.backend", "memcached")]
    public void Load_InvalidValue_IsRejectedWithTheKeyName(string key, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            PatCodeConfiguration.FromValues(CacheConfigKeys.All, new Dictionary<string, string> { [key] = value }));

        Assert.That(error!.Message, Does.Contain(key));
    }

    [Test]
    public async Task Create_FromConfiguration_OpensTheDatabaseUnderTheHome()
    {
        using var directory = new TemporaryDirectory();
        var paths = new PatCodePaths(Path.Combine(directory.Path, "home"));

        await using var cache = ResponseCacheFactory.Create(PatCodeConfiguration.FromValues(CacheConfigKeys.All), paths, NullLoggerFactory.Instance, NewTime());
        await cache.SetAsync(Request("hello"), "hi", 1, TimeSpan.Zero);

        Assert.That(File.Exists(paths.CacheDatabase), Is.True);
    }

    [Test]
    public async Task Create_UnopenableLocation_RunsDisabledWithAWarning()
    {
        using var directory = new TemporaryDirectory();
        var blocker = Path.Combine(directory.Path, "file");
        await File.WriteAllTextAsync(blocker, "not a folder");

        await using var cache = Open(Path.Combine(blocker, "cache.db"), NewTime());

        Assert.That(cache.IsEnabled, Is.False);
        Assert.That(cache.Warnings, Has.Count.EqualTo(1));
        Assert.That(await cache.GetAsync(Request("hello")), Is.Null);
    }

    [Test]
    public async Task GetAsync_RecordsEachLookupWithItsResult()
    {
        using var directory = new TemporaryDirectory();
        await using var cache = Open(directory.Combine("cache.db"), NewTime());
        var results = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PatCodeDiagnostics.Name && instrument.Name == InstrumentNames.CacheLookups)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "result")
                {
                    lock (results)
                    {
                        results.Add((string)tag.Value!);
                    }
                }
            }
        });
        listener.Start();

        await cache.SetAsync(Request(LongPrompt), "answer", 1, TimeSpan.Zero);
        await cache.GetAsync(Request(LongPrompt));
        await cache.GetAsync(Request(LongPrompt + " please"));
        await cache.GetAsync(Request("unrelated words entirely here"));

        // Other tests may run lookups in parallel; ours are the only ones on this cache but not on the meter.
        Assert.That(results, Does.Contain("exact").And.Contain("near").And.Contain("miss"));
    }

    [Test]
    public async Task GetAsync_RunsInALookupSpanTaggedWithItsResult()
    {
        using var directory = new TemporaryDirectory();
        await using var cache = Open(directory.Combine("cache.db"), NewTime());
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PatCodeDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (spans)
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await cache.SetAsync(Request(LongPrompt), "answer", 1, TimeSpan.Zero);
        await cache.GetAsync(Request(LongPrompt));
        await cache.ForPlugin("git").GetAsync("missing");

        var lookups = spans.Where(s => s.OperationName == InstrumentNames.CacheLookupSpan).ToList();
        Assert.That(lookups.Select(s => s.GetTagItem("patcode.cache.result")), Does.Contain("exact").And.Contain("miss"));
        Assert.That(lookups.Select(s => s.GetTagItem("patcode.cache.partition")), Does.Contain("chat").And.Contain("plugin:git"));
    }
}
