using PatCode.Caching.Keys;
using StackExchange.Redis;

namespace PatCode.Caching.Tests.Storage;

[NonParallelizable]
public sealed class RedisBackendTests
{
    private RedisServerProcess _server = null!;
    private FakeTimeProvider _time = null!;
    private ResponseCache _machineA = null!;
    private ResponseCache _machineB = null!;

    [OneTimeSetUp]
    public void StartRedis() => _server = RedisServerProcess.Start();

    [OneTimeTearDown]
    public void StopRedis() => _server?.Dispose();

    [SetUp]
    public async Task SetUp()
    {
        using (var admin = await ConnectionMultiplexer.ConnectAsync(_server.Endpoint + ",allowAdmin=true"))
        {
            await admin.GetServers()[0].FlushAllDatabasesAsync();
        }

        _time = NewTime();
        _machineA = OpenRedis(new CacheOptions());
        _machineB = OpenRedis(new CacheOptions());
    }

    [TearDown]
    public async Task TearDown()
    {
        await _machineA.DisposeAsync();
        await _machineB.DisposeAsync();
    }

    [Test]
    public async Task AnswerStoredByOneMachine_IsAnExactHitOnAnother()
    {
        await _machineA.SetAsync(Request(LongPrompt), "shared", 7, TimeSpan.FromSeconds(1));

        var hit = await _machineB.GetAsync(Request(LongPrompt));

        Assert.That(hit?.Kind, Is.EqualTo(CacheHitKind.Exact));
        Assert.That(hit!.Text, Is.EqualTo("shared"));
        Assert.That(hit.OutputTokens, Is.EqualTo(7));
    }

    [Test]
    public async Task NearDuplicatePrompt_IsANearHitOnAnotherMachine()
    {
        await _machineA.SetAsync(Request(LongPrompt), "shared", 1, TimeSpan.Zero);

        var hit = await _machineB.GetAsync(Request(LongPrompt + " please"));

        Assert.That(hit?.Kind, Is.EqualTo(CacheHitKind.Near));
        Assert.That(hit!.Similarity, Is.InRange(0.85, 0.99));
    }

    [Test]
    public async Task WordOrderModelAndContext_StillSeparateEntries()
    {
        await _machineA.SetAsync(Request("rename a to b"), "ab", 1, TimeSpan.Zero);
        await _machineA.SetAsync(Request(LongPrompt), "llama", 1, TimeSpan.Zero);

        Assert.That(await _machineB.GetAsync(Request("rename b to a")), Is.Null);
        Assert.That(await _machineB.GetAsync(Request(LongPrompt, model: "qwen2.5-coder")), Is.Null);
        Assert.That(await _machineB.GetAsync(Request(LongPrompt + " please", "llama3", new CacheMessage("system", "other context"))), Is.Null);
    }

    [Test]
    public async Task EntryPastItsTimeToLive_Misses()
    {
        await _machineA.SetAsync(Request(LongPrompt), "shared", 1, TimeSpan.Zero);

        _time.Advance(TimeSpan.FromHours(25));

        Assert.That(await _machineB.GetAsync(Request(LongPrompt)), Is.Null);
        Assert.That(await _machineB.GetAsync(Request(LongPrompt + " please")), Is.Null);
        Assert.That(await _machineB.RemoveExpiredAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task OverTheEntryLimit_EvictsDownToNinetyPercent()
    {
        await using var small = OpenRedis(new CacheOptions { MaxEntries = 10 });
        for (var i = 0; i < 11; i++)
        {
            await small.SetAsync(Request($"question {i}"), $"answer {i}", 1, TimeSpan.Zero);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var stats = await small.GetStatisticsAsync();
        Assert.That(stats.Entries, Is.EqualTo(9));
        Assert.That(stats.EvictedOverEntryLimit, Is.EqualTo(2));
        Assert.That(await small.GetAsync(Request("question 0")), Is.Null);
        Assert.That(await small.GetAsync(Request("question 10")), Is.Not.Null);
    }

    [Test]
    public async Task Eviction_TakesTheEntryOutOfItsBandBuckets()
    {
        await using var small = OpenRedis(new CacheOptions { MaxEntries = 2 });
        var id = CacheKeyBuilder.ForChat(Request(LongPrompt), withNear: false).Hash.ToHex();
        await small.SetAsync(Request(LongPrompt), "evicted soon", 1, TimeSpan.Zero);
        Assert.That(await BucketsListing(id), Is.EqualTo(20));

        _time.Advance(TimeSpan.FromSeconds(1));
        await small.SetAsync(Request("second question"), "b", 1, TimeSpan.Zero);
        _time.Advance(TimeSpan.FromSeconds(1));
        await small.SetAsync(Request("third question"), "c", 1, TimeSpan.Zero);

        Assert.That(await BucketsListing(id), Is.Zero);
        Assert.That(await small.GetAsync(Request(LongPrompt + " please")), Is.Null);
    }

    [Test]
    public async Task StatisticsAndClear_AreSharedByBothMachines()
    {
        await _machineA.SetAsync(Request(LongPrompt), "shared", 5, TimeSpan.FromSeconds(2));
        await _machineB.GetAsync(Request(LongPrompt));
        await _machineA.GetAsync(Request(LongPrompt + " please"));
        await _machineA.GetAsync(Request("nothing like it at all"));

        var stats = await _machineB.GetStatisticsAsync();
        Assert.That(stats.Backend, Is.EqualTo("redis"));
        Assert.That(stats.Entries, Is.EqualTo(1));
        Assert.That(stats.ExactHits, Is.EqualTo(1));
        Assert.That(stats.NearHits, Is.EqualTo(1));
        Assert.That(stats.Misses, Is.EqualTo(1));
        Assert.That(stats.TokensSaved, Is.EqualTo(10));

        Assert.That(await _machineB.ClearAsync(), Is.EqualTo(1));
        Assert.That(await _machineA.GetAsync(Request(LongPrompt)), Is.Null);
        Assert.That(await _machineA.GetAsync(Request(LongPrompt + " please")), Is.Null);
    }

    [Test]
    public async Task PluginPartitions_WorkOnRedis()
    {
        await _machineA.ForPlugin("git").SetAsync("status", "clean");

        Assert.That(await _machineB.ForPlugin("git").GetAsync("status"), Is.EqualTo("clean"));
        Assert.That(await _machineB.ForPlugin("files").GetAsync("status"), Is.Null);
        Assert.That(await _machineB.ForPlugin("git").RemoveAsync("status"), Is.True);
        Assert.That(await _machineA.ForPlugin("git").GetAsync("status"), Is.Null);
    }

    [Test]
    public async Task UnreachableServer_WarnsAndMissesWithoutThrowing()
    {
        await using var cache = ResponseCacheFactory.Create(
            new CacheOptions { Backend = CacheBackendKind.Redis, RedisEndpoint = "127.0.0.1:1,connectTimeout=200" },
            databasePath: "", Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, _time);

        Assert.That(cache.Warnings, Has.Count.EqualTo(1));
        Assert.That(cache.Warnings[0], Does.Contain("127.0.0.1:1").And.Contain("cache.redis"));
        Assert.That(await cache.SetAsync(Request(LongPrompt), "x", 1, TimeSpan.Zero), Is.False);
        Assert.That(await cache.GetAsync(Request(LongPrompt)), Is.Null);
    }

    private async Task<int> BucketsListing(string id)
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(_server.Endpoint + ",allowAdmin=true");
        var database = connection.GetDatabase();
        var count = 0;
        await foreach (var bucket in connection.GetServers()[0].KeysAsync(pattern: "patcode:cache:v1:b:*"))
        {
            if (await database.SetContainsAsync(bucket, id))
            {
                count++;
            }
        }

        return count;
    }

    private ResponseCache OpenRedis(CacheOptions options) =>
        ResponseCacheFactory.Create(options with { Backend = CacheBackendKind.Redis, RedisEndpoint = _server.Endpoint }, databasePath: "", Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, _time);
}
