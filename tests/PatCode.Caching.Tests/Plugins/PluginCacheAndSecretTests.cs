using System.Text;

namespace PatCode.Caching.Tests.Plugins;

public sealed class PluginCacheAndSecretTests : CacheTestBase
{

    [Test]
    public async Task ForPlugin_SameKeyInTwoPlugins_KeepsTheirValuesApart()
    {
        var git = Cache.ForPlugin("git-context");
        var files = Cache.ForPlugin("file-context");

        await git.SetAsync("status", "clean");
        await files.SetAsync("status", "3 files");

        Assert.That(await git.GetAsync("status"), Is.EqualTo("clean"));
        Assert.That(await files.GetAsync("status"), Is.EqualTo("3 files"));
        Assert.That(await Cache.GetAsync(Request("status")), Is.Null);
    }

    [Test]
    public async Task ForPlugin_RemoveAsync_RemovesOnlyThatKey()
    {
        var plugin = Cache.ForPlugin("git-context");
        await plugin.SetAsync("a", "1");
        await plugin.SetAsync("b", "2");

        Assert.That(await plugin.RemoveAsync("a"), Is.True);
        Assert.That(await plugin.RemoveAsync("a"), Is.False);
        Assert.That(await plugin.GetAsync("a"), Is.Null);
        Assert.That(await plugin.GetAsync("b"), Is.EqualTo("2"));
    }

    [Test]
    public async Task ForPlugin_OwnTimeToLive_ExpiresThen()
    {
        var plugin = Cache.ForPlugin("git-context");
        await plugin.SetAsync("branch", "main", TimeSpan.FromMinutes(5));

        Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.That(await plugin.GetAsync("branch"), Is.EqualTo("main"));
        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That(await plugin.GetAsync("branch"), Is.Null);
    }

    [Test]
    public void ForPlugin_NonPositiveTimeToLive_IsRejected()
    {
        var plugin = Cache.ForPlugin("git-context");

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await plugin.SetAsync("k", "v", TimeSpan.Zero));
    }

    [TestCase("use the key sk-proj-abcdefghijklmnopqrstuvwx1234 for that")]
    [TestCase("curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9abcdef.payload1234567.signature1234' https://api")]
    [TestCase("connect to postgres://admin:hunter2secret@db.internal:5432/app")]
    [TestCase("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----")]
    [TestCase("set password=CorrectHorseBattery in the file")]
    [TestCase("token: ghp_abcdefghijklmnopqrstuvwxyz0123456789")]
    public async Task SetAsync_AnswerWithASecret_IsNotStored(string answer)
    {
        var stored = await Cache.SetAsync(Request(LongPrompt), answer, 1, TimeSpan.Zero);
        await Cache.ForPlugin("p").SetAsync("k", answer);

        Assert.That(stored, Is.False);
        Assert.That(await Cache.GetAsync(Request(LongPrompt)), Is.Null);
        Assert.That(await Cache.ForPlugin("p").GetAsync("k"), Is.Null);
        Assert.That((await Cache.GetStatisticsAsync()).RefusedSecrets, Is.EqualTo(2));
    }

    [TestCase("user", "my api key is sk-live-0123456789abcdefghijklmnop please check why the deployment script fails")]
    [TestCase("system", "## Git diff (from GitHelper)\n+DB_PASSWORD=CorrectHorseBattery")]
    [TestCase("assistant", "Set Authorization: Bearer abcdefghijklmnop0123456789 on the request.")]
    public async Task SetAsync_APromptHoldingASecret_IsNotStored_AndIsCounted(string role, string text)
    {
        var request = role == "user" ? Request(text) : Request(LongPrompt, context: new CacheMessage(role, text));

        var stored = await Cache.SetAsync(request, "an answer without secrets", 1, TimeSpan.Zero);
        await Cache.ForPlugin("p").SetAsync("key with " + text, "a value without secrets");

        Assert.That(stored, Is.False);
        Assert.That(await Cache.GetAsync(request), Is.Null);
        Assert.That(await Cache.ForPlugin("p").GetAsync("key with " + text), Is.Null);
        Assert.That((await Cache.GetStatisticsAsync()).RefusedSecrets, Is.EqualTo(2), "counted under 'not stored (secrets)'");
    }

    [Test]
    public async Task SetAsync_ALaterTurnAddingASecret_IsNotStored_ThoughTheEarlierMessagesWereFoundClean()
    {
        // The conversation's earlier texts are the same instances turn after turn; only clean ones are remembered.
        var earlier = new CacheMessage("assistant", "Restart the service after changing its settings file.");
        var first = Request(LongPrompt, context: earlier);
        var second = Request("and now use this: export API_TOKEN=abcdef0123456789 then restart", context: earlier);

        Assert.That(await Cache.SetAsync(first, "an answer", 1, TimeSpan.Zero), Is.True);
        Assert.That(await Cache.SetAsync(second, "another answer", 1, TimeSpan.Zero), Is.False);
        Assert.That(await Cache.SetAsync(Request(LongPrompt, context: new CacheMessage("assistant", earlier.Text + " DB_PASSWORD=hunter2")), "a third", 1, TimeSpan.Zero), Is.False);
        Assert.That((await Cache.GetStatisticsAsync()).RefusedSecrets, Is.EqualTo(2));
    }

    [Test]
    public async Task Store_NeverHoldsPromptsOrPluginKeysInClearText()
    {
        const string Prompt = "please check why the deployment script fails on the staging server when the cache is cold";
        await Cache.SetAsync(Request(Prompt), "check the environment variables", 1, TimeSpan.Zero);
        await Cache.ForPlugin("p").SetAsync("readable-plugin-key", "value");
        await Cache.DisposeAsync();

        var bytes = await File.ReadAllBytesAsync(CacheFolder.Combine("cache.db"));
        var wal = CacheFolder.Combine("cache.db") + "-wal";
        var all = Encoding.UTF8.GetString(bytes) + (File.Exists(wal) ? Encoding.UTF8.GetString(await File.ReadAllBytesAsync(wal)) : "");

        Assert.That(all, Does.Contain("check the environment variables"));
        Assert.That(all, Does.Not.Contain("deployment script"));
        Assert.That(all, Does.Not.Contain("readable-plugin-key"));
        Cache = Open(CacheFolder.Combine("cache.db"), Clock);
    }

    [Test]
    public async Task GetAsync_APromptWithASecret_NeverHits_NotEvenWithTheSameSecret()
    {
        const string Prompt = "please rotate the deployment credentials for the staging cluster today the old one is sk-aaaaaaaaaaaaaaaaaaaaaaaa";
        await Cache.SetAsync(Request(Prompt), "rotated", 1, TimeSpan.Zero);

        Assert.That(await Cache.GetAsync(Request(Prompt)), Is.Null);
        Assert.That(await Cache.GetAsync(Request("so " + Prompt)), Is.Null);
        Assert.That(await Cache.GetAsync(Request(Prompt.Replace("sk-aaaa", "sk-bbbb", StringComparison.Ordinal))), Is.Null);
    }
}
