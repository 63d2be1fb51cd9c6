namespace PatCode.Caching.Tests;

public sealed class ResponseCacheLookupTests : CacheTestBase
{

    [Test]
    public async Task GetAsync_SameRequestAsStored_ReturnsExactHit()
    {
        await Cache.SetAsync(Request(LongPrompt), "compact with GCSettings", 42, TimeSpan.FromSeconds(3));

        var hit = await Cache.GetAsync(Request(LongPrompt));

        Assert.That(hit, Is.Not.Null);
        Assert.That(hit!.Kind, Is.EqualTo(CacheHitKind.Exact));
        Assert.That(hit.Text, Is.EqualTo("compact with GCSettings"));
        Assert.That(hit.OutputTokens, Is.EqualTo(42));
        Assert.That(hit.ModelTime, Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task GetAsync_PromptWithOneWordAdded_ReturnsNearHitWithItsSimilarity()
    {
        await Cache.SetAsync(Request(LongPrompt), "answer", 1, TimeSpan.Zero);

        var hit = await Cache.GetAsync(Request(LongPrompt + " please"));

        Assert.That(hit, Is.Not.Null);
        Assert.That(hit!.Kind, Is.EqualTo(CacheHitKind.Near));
        Assert.That(hit.Similarity, Is.InRange(0.85, 0.99));
        Assert.That(hit.Text, Is.EqualTo("answer"));
    }

    [Test]
    public async Task GetAsync_PromptThatDiffersInCaseAndPunctuationOnly_ReturnsNearHitAtFullSimilarity()
    {
        await Cache.SetAsync(Request(LongPrompt), "answer", 1, TimeSpan.Zero);

        var hit = await Cache.GetAsync(Request("Please explain how the garbage collector in dotnet decides when to compact the large object heap, and which settings change that?"));

        Assert.That(hit?.Kind, Is.EqualTo(CacheHitKind.Near));
        Assert.That(hit!.Similarity, Is.EqualTo(1.0));
    }

    [Test]
    public async Task GetAsync_UnrelatedPrompt_Misses()
    {
        await Cache.SetAsync(Request(LongPrompt), "answer", 1, TimeSpan.Zero);

        Assert.That(await Cache.GetAsync(Request("write a haiku about autumn leaves falling on a quiet pond")), Is.Null);
    }

    [Test]
    public async Task GetAsync_SwappedWordOrder_Misses()
    {
        await Cache.SetAsync(Request("rename a to b"), "renamed a to b", 1, TimeSpan.Zero);

        Assert.That(await Cache.GetAsync(Request("rename b to a")), Is.Null);
        Assert.That(await Cache.GetAsync(Request("rename a to b")), Is.Not.Null);
    }

    [Test]
    public async Task GetAsync_SamePromptForAnotherModel_Misses()
    {
        await Cache.SetAsync(Request(LongPrompt, model: "llama3"), "answer", 1, TimeSpan.Zero);

        Assert.That(await Cache.GetAsync(Request(LongPrompt, model: "qwen2.5-coder")), Is.Null);
        Assert.That(await Cache.GetAsync(Request(LongPrompt + " please", model: "qwen2.5-coder")), Is.Null);
    }

    [Test]
    public async Task GetAsync_SameModelWithAnotherDigest_Misses()
    {
        await Cache.SetAsync(Request(LongPrompt) with { ModelDigest = "sha256:aaa" }, "answer", 1, TimeSpan.Zero);

        Assert.That(await Cache.GetAsync(Request(LongPrompt) with { ModelDigest = "sha256:bbb" }), Is.Null);
        Assert.That(await Cache.GetAsync(Request(LongPrompt) with { ModelDigest = "sha256:aaa" }), Is.Not.Null);
    }

    [Test]
    public async Task GetAsync_SamePromptInAnotherContext_Misses()
    {
        var context = new CacheMessage("system", "## Git status\nmain is clean");
        var otherContext = new CacheMessage("system", "## Git status\nthree files changed");
        await Cache.SetAsync(Request(LongPrompt, "llama3", context), "answer", 1, TimeSpan.Zero);

        Assert.That(await Cache.GetAsync(Request(LongPrompt, "llama3", otherContext)), Is.Null);
        Assert.That(await Cache.GetAsync(Request(LongPrompt + " please", "llama3", otherContext)), Is.Null);
        Assert.That(await Cache.GetAsync(Request(LongPrompt + " please", "llama3", context)), Is.Not.Null);
    }

    [TestCase(0.7f, null, null, null)]
    [TestCase(null, 7L, null, null)]
    [TestCase(null, null, 8192, null)]
    [TestCase(null, null, null, "json")]
    public async Task GetAsync_AnOutputOptionDiffers_Misses(float? temperature, long? seed, int? contextLength, string? format)
    {
        await Cache.SetAsync(Request(LongPrompt), "answer", 1, TimeSpan.Zero);

        var changed = Request(LongPrompt) with { Temperature = temperature, Seed = seed, ContextLength = contextLength, Format = format };

        Assert.That(await Cache.GetAsync(changed), Is.Null);
    }

    [Test]
    public async Task GetAsync_NearPromptWithADifferentNumber_Misses()
    {
        var prompt = "what is the time complexity of inserting 1000 items into a balanced binary search tree in the worst case";
        await Cache.SetAsync(Request(prompt), "answer", 1, TimeSpan.Zero);

        Assert.That(await Cache.GetAsync(Request(prompt.Replace("1000", "2000", StringComparison.Ordinal))), Is.Null);
        Assert.That(await Cache.GetAsync(Request(prompt + " please")), Is.Not.Null);
    }

    [Test]
    public async Task GetAsync_NearPromptWithDifferentCode_Misses()
    {
        var prompt = "why does this loop never finish when i run it on my laptop with the release build ```while (i < n) { i--; }```";
        await Cache.SetAsync(Request(prompt), "answer", 1, TimeSpan.Zero);

        Assert.That(await Cache.GetAsync(Request(prompt.Replace("i--", "i++", StringComparison.Ordinal))), Is.Null);
        Assert.That(await Cache.GetAsync(Request("so " + prompt)), Is.Not.Null);
    }

    [Test]
    public async Task GetAsync_ThresholdOfOne_TurnsNearHitsOff()
    {
        await using var exactOnly = Open(Path.Combine(CacheFolder.Path, "exact.db"), Clock, new CacheOptions { SimilarityThreshold = 1 });
        await exactOnly.SetAsync(Request(LongPrompt), "answer", 1, TimeSpan.Zero);

        Assert.That(await exactOnly.GetAsync(Request(LongPrompt + " please")), Is.Null);
        Assert.That(await exactOnly.GetAsync(Request(LongPrompt)), Is.Not.Null);
    }

    [Test]
    public async Task GetAsync_AfterTheTimeToLive_MissesAndCleanupRemovesTheEntry()
    {
        await Cache.SetAsync(Request(LongPrompt), "answer", 1, TimeSpan.Zero);

        Clock.Advance(TimeSpan.FromHours(23));
        Assert.That(await Cache.GetAsync(Request(LongPrompt)), Is.Not.Null);

        Clock.Advance(TimeSpan.FromHours(1));
        Assert.That(await Cache.GetAsync(Request(LongPrompt)), Is.Null);
        Assert.That(await Cache.GetAsync(Request(LongPrompt + " please")), Is.Null);

        Assert.That(await Cache.RemoveExpiredAsync(), Is.EqualTo(1));
        var stats = await Cache.GetStatisticsAsync();
        Assert.That(stats.Entries, Is.Zero);
        Assert.That(stats.RemovedByCleanup, Is.EqualTo(1));
    }

    [Test]
    public async Task SetAsync_OverTheEntryLimit_EvictsExpiredFirstThenTheLeastUsed()
    {
        await using var small = Open(Path.Combine(CacheFolder.Path, "small.db"), Clock, new CacheOptions { MaxEntries = 10, TimeToLive = TimeSpan.FromHours(1) });
        await small.SetAsync(Request("the oldest question which will expire"), "old", 1, TimeSpan.Zero);
        Clock.Advance(TimeSpan.FromMinutes(61));
        for (var i = 0; i < 9; i++)
        {
            await small.SetAsync(Request($"question {i}"), $"answer {i}", 1, TimeSpan.Zero);
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Question 0 is the oldest live entry but has been used; question 1 is the least valuable.
        Assert.That(await small.GetAsync(Request("question 0")), Is.Not.Null);
        await small.SetAsync(Request("question 9"), "answer 9", 1, TimeSpan.Zero);
        await small.SetAsync(Request("question 10"), "answer 10", 1, TimeSpan.Zero);

        var stats = await small.GetStatisticsAsync();
        Assert.That(stats.Entries, Is.LessThanOrEqualTo(10));
        Assert.That(stats.EvictedExpired, Is.EqualTo(1));
        Assert.That(stats.EvictedOverEntryLimit, Is.GreaterThanOrEqualTo(1));
        Assert.That(await small.GetAsync(Request("question 0")), Is.Not.Null);
        Assert.That(await small.GetAsync(Request("question 1")), Is.Null);
        Assert.That(await small.GetAsync(Request("question 10")), Is.Not.Null);
    }

    [Test]
    public async Task SetAsync_OverTheByteLimit_EvictsByBytes()
    {
        await using var small = Open(Path.Combine(CacheFolder.Path, "bytes.db"), Clock, new CacheOptions { MaxBytes = 1000 });
        for (var i = 0; i < 5; i++)
        {
            await small.SetAsync(Request($"question {i}"), new string('x', 300), 1, TimeSpan.Zero);
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var stats = await small.GetStatisticsAsync();
        Assert.That(stats.ValueBytes, Is.LessThanOrEqualTo(1000));
        Assert.That(stats.EvictedOverByteLimit, Is.GreaterThanOrEqualTo(2));
        Assert.That(await small.GetAsync(Request("question 4")), Is.Not.Null);
    }

    [Test]
    public async Task GetStatisticsAsync_CountsHitsMissesAndWhatWasSaved()
    {
        await Cache.SetAsync(Request(LongPrompt), "answer", 100, TimeSpan.FromSeconds(2));
        await Cache.GetAsync(Request(LongPrompt));
        await Cache.GetAsync(Request(LongPrompt + " please"));
        await Cache.GetAsync(Request("something else entirely"));

        var stats = await Cache.GetStatisticsAsync();

        Assert.That(stats.Entries, Is.EqualTo(1));
        Assert.That(stats.ExactHits, Is.EqualTo(1));
        Assert.That(stats.NearHits, Is.EqualTo(1));
        Assert.That(stats.Misses, Is.EqualTo(1));
        Assert.That(stats.HitRate, Is.EqualTo(2.0 / 3).Within(1e-9));
        Assert.That(stats.TokensSaved, Is.EqualTo(200));
        Assert.That(stats.ModelTimeSaved, Is.EqualTo(TimeSpan.FromSeconds(4)));
        Assert.That(stats.BytesOnDisk, Is.GreaterThan(0));
        Assert.That(stats.Backend, Is.EqualTo("sqlite"));
    }

    [Test]
    public async Task ClearAsync_RemovesEveryEntry()
    {
        await Cache.SetAsync(Request("one question here"), "a", 1, TimeSpan.Zero);
        await Cache.SetAsync(Request("another question here"), "b", 1, TimeSpan.Zero);

        Assert.That(await Cache.ClearAsync(), Is.EqualTo(2));
        Assert.That(await Cache.GetAsync(Request("one question here")), Is.Null);
        Assert.That((await Cache.GetStatisticsAsync()).Entries, Is.Zero);
    }

    [Test]
    public async Task SetAsync_AfterAMissForTheSameRequest_StoresWhatExactAndNearLookupsFind()
    {
        // The chat middleware's order: a lookup that misses, then a store of the same request object, whose key the
        // lookup already built.
        var request = Request(LongPrompt);
        Assert.That(await Cache.GetAsync(request), Is.Null);

        await Cache.SetAsync(request, "compact with GCSettings", 1, TimeSpan.Zero);

        Assert.That((await Cache.GetAsync(Request(LongPrompt)))?.Kind, Is.EqualTo(CacheHitKind.Exact));
        Assert.That((await Cache.GetAsync(Request(LongPrompt + " please")))?.Kind, Is.EqualTo(CacheHitKind.Near));
    }

    [Test]
    public async Task SetAsync_SameRequestTwice_KeepsTheNewerAnswer()
    {
        await Cache.SetAsync(Request(LongPrompt), "first", 1, TimeSpan.Zero);
        await Cache.SetAsync(Request(LongPrompt), "second", 1, TimeSpan.Zero);

        Assert.That((await Cache.GetAsync(Request(LongPrompt)))?.Text, Is.EqualTo("second"));
        Assert.That((await Cache.GetStatisticsAsync()).Entries, Is.EqualTo(1));
    }

    [Test]
    public async Task DisabledCache_NeverHitsAndStoresNothing()
    {
        await using var disabled = Open(Path.Combine(CacheFolder.Path, "off.db"), Clock, new CacheOptions { Enabled = false });

        Assert.That(await disabled.SetAsync(Request(LongPrompt), "answer", 1, TimeSpan.Zero), Is.False);
        Assert.That(await disabled.GetAsync(Request(LongPrompt)), Is.Null);
        Assert.That(File.Exists(Path.Combine(CacheFolder.Path, "off.db")), Is.False);
    }
}
